/**
 * A matcher with PCRE 8's backtracking semantics for every pattern the parser turns into an
 * AST without `unmatchable` constructs: what re:run decides, including its match limit
 * (a search that needs more than MATCH_LIMIT steps at one start position answers nomatch,
 * as EMQX does with re:run's error).
 */
import type { ParsedRegex } from "./ast";
import { setOf, tablesFor } from "./byte-set";
import { compileProgram, type Program } from "./backtrack-program";
import { search, type SearchResult } from "./backtrack-run";
import { decodeUtf8 } from "./start-options";
import { firstChar, leadingVerb } from "./first-char";

/** A byte string (char codes 0..255). */
type Bytes = string;

/** Compiles `parsed` for `searchBytes`, or says which construct it cannot follow. */
export function backtrackProgram(parsed: ParsedRegex): Program | { unsupported: string } {
  if (parsed.unmatchable.length > 0) return { unsupported: parsed.unmatchable[0] };
  // which start positions re:run tries only changes answers with these verbs
  const fc = leadingVerb(parsed.root) && !parsed.noStartOpt ? firstChar(parsed.root) : null;
  if (fc === "unknown")
    return { unsupported: "(*COMMIT), (*PRUNE) or (*SKIP) in a pattern whose start PCRE may optimise (not modelled)" };
  return compileProgram(parsed, otherCaseTable(parsed), fc);
}

/**
 * re:run's verdict on a byte subject: in UTF-8 mode the subject is decoded first and a
 * subject that is not UTF-8 is badarg (`error`).
 */
export function searchBytes(
  prog: Program,
  subject: Bytes,
  limit = prog.limit,
  stats?: { maxSteps: number },
): SearchResult {
  const codes = new Uint32Array(subject.length);
  for (let i = 0; i < subject.length; i++) codes[i] = subject.charCodeAt(i);
  if (!prog.utf) return search(prog, codes, limit, stats);
  const cps = decodeUtf8(subject);
  return Array.isArray(cps) ? search(prog, cps, limit, stats) : "error";
}

/** A predicate: true exactly when re:run answers `match`. */
export function backtrackTest(prog: Program): (subject: Bytes) => boolean {
  return (subject) => searchBytes(prog, subject) === "match";
}

const tables = new Map<string, Uint16Array>();

/** The other case of each byte under the flavor's tables (itself when none). */
function otherCaseTable(parsed: ParsedRegex): Uint16Array {
  let t = tables.get(parsed.flavor);
  if (t === undefined) {
    t = new Uint16Array(256);
    const fold = tablesFor(parsed.flavor).fold;
    for (let b = 0; b < 256; b++) {
      const f = fold(setOf(b));
      t[b] = b;
      for (let c = 0; c < 256; c++) if (c !== b && f[c]) t[b] = c;
    }
    tables.set(parsed.flavor, t);
  }
  return t;
}
