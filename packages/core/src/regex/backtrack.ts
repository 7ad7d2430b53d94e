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
import { mayAutoPossessQuirk } from "./auto-possess";
import { mayOverstateMinLength } from "./pcre2-minlength";
import {
  assertedFilters,
  hasNamedSkip,
  mayBeAnchored,
  startCandidates,
  surelyAnchored,
  type StartFilter,
} from "./start-filters";

/** A byte string (char codes 0..255). */
type Bytes = string;

/** Compiles `parsed` for `searchBytes`, or says which construct it cannot follow. */
export function backtrackProgram(parsed: ParsedRegex): Program | { unsupported: string } {
  if (parsed.unmatchable.length > 0) return { unsupported: parsed.unmatchable[0] };
  if (parsed.flavor === "pcre2-ascii" && mayOverstateMinLength(parsed.root))
    return { unsupported: "a backreference or call into its own group in a later branch (PCRE2's minimum length)" };
  if (mayAutoPossessQuirk(parsed.root))
    return {
      unsupported:
        "a repeat PCRE's auto-possessification may wrongly make possessive (before an atomic group, or \\R beside . or \\s)",
    };
  const table = otherCaseTable(parsed);
  // anchored, PCRE tries the subject's start only, whatever else it found (Program.anchored)
  if (parsed.noStartOpt || surelyAnchored(parsed)) return compileProgram(parsed, table);
  // a first character asserted by a lookahead: PCRE 8's required-character check may then
  // refuse a match that starts with it (start-filters.ts `assertedFilters`)
  const asserted = assertedFilters(parsed);
  if (asserted !== null) return compileProgram(parsed, table, ...known(asserted));
  // a (*SKIP:NAME) without its mark ends an anchored search: whether PCRE anchors matters
  const anchoringMatters = hasNamedSkip(parsed) && mayBeAnchored(parsed);
  if (!leadingVerb(parsed.root) && anchoringMatters)
    return compileProgram(parsed, table, ...known(startCandidates(parsed, false)));
  // otherwise which start positions re:run tries only changes answers with a leading verb
  if (!leadingVerb(parsed.root)) return compileProgram(parsed, table);
  const compiled = firstChar(parsed.root);
  if (Array.isArray(compiled)) return compileProgram(parsed, table, compiled);
  // not known which start positions PCRE tries: each it could try, answered where they agree
  return compileProgram(parsed, table, ...known(startCandidates(parsed, compiled === "unknown")));
}

/** PCRE's choice when only one is possible (no filter, or a first character), else every one. */
function known(filters: StartFilter[]): [number[] | null, StartFilter[] | null] {
  if (filters.length > 1) return [null, filters];
  const f = filters[0];
  return [f.kind === "first" ? f.chars : null, null];
}

/** Why a program may answer `unknown` (its start positions are not known), or null. */
export function partialReason(prog: Program): string | null {
  if (!prog.atomicCalls && prog.ops.some((op) => op.op === "call"))
    return "PCRE2 ends a recursion that may loop by what it has inspected of the subject, which is not followed";
  return prog.startFilters === null
    ? null
    : "which start positions PCRE's optimisations try (its first and required characters) decides some answers";
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
  let codes: ArrayLike<number>;
  if (prog.utf) {
    const cps = decodeUtf8(subject);
    if (!Array.isArray(cps)) return "error";
    codes = cps;
  } else {
    const bytes = new Uint32Array(subject.length);
    for (let i = 0; i < subject.length; i++) bytes[i] = subject.charCodeAt(i);
    codes = bytes;
  }
  if (prog.startFilters === null) return search(prog, codes, limit, stats);
  // every start optimisation PCRE could use: re:run's answer where they agree
  const answer = (r: SearchResult) => (r === "match" ? "match" : r === "unknown" ? "unknown" : "nomatch");
  const filters = prog.startFilters;
  const first = answer(search(prog, codes, limit, stats, filters[0]));
  if (first === "unknown") return first;
  for (let i = 1; i < filters.length; i++)
    if (answer(search(prog, codes, limit, stats, filters[i])) !== first) return "unknown";
  return first;
}

/** A predicate: true when re:run answers `match`, null when that is not known (`partialReason`). */
export function backtrackTest(prog: Program): (subject: Bytes) => boolean | null {
  return (subject) => {
    const r = searchBytes(prog, subject);
    return r === "unknown" ? null : r === "match";
  };
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
