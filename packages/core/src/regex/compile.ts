/**
 * `compileErlangRegex`: what `re:compile(R)` + `re:run(Subject, MP)` (no options) decide,
 * as a JS predicate over byte strings.
 */
import { RegexSyntaxError, type ParsedRegex } from "./ast";
import { backtrackProgram, backtrackTest, partialReason } from "./backtrack";
import type { RegexFlavor } from "./byte-set";
import { capabilities, type Dialect } from "../model/dialects";
import { emitJs, Untranslatable } from "./emit-js";
import { parseRegex } from "./parse";
import { dfaAccepts } from "./dfa";
import { regexToDfa } from "./regex-dfa";

/** A byte string (char codes 0..255). */
type Bytes = string;

/**
 * `ok`: `test` answers whether `re:run(Subject, R)` finds a match (unanchored search).
 * `invalid`: `re:compile` rejects the pattern (EMQX refuses to load it); `message` is PCRE 8's
 * text, `offset` the byte offset re:compile reports (OTP 25; PCRE2 words its messages differently).
 * `unsupported`: PCRE accepts it but neither the DFA nor the backtracking matcher follows it.
 */
export type ErlangRegex =
  | { kind: "ok"; source: Bytes; test(subject: Bytes): boolean }
  /**
   * Compiles in EMQX, but for some subjects re:run's answer hangs on which start positions
   * PCRE's optimisations let it try, which are not known here: `verdict` is null for those.
   */
  | { kind: "partial"; source: Bytes; reason: string; verdict(subject: Bytes): boolean | null }
  | { kind: "invalid"; message: string; offset: number }
  | { kind: "unsupported"; reason: string };

/** Options: `flavor` selects the Erlang/OTP regex engine (default OTP ≤ 27, PCRE 8 + Latin-1). */
export interface ErlangRegexOptions {
  flavor?: RegexFlavor;
}

/**
 * The flavor an EMQX dialect's broker runs: v5 = 5.8.9 on OTP 26; v6 = HEAD on OTP 28.
 * Note: /work/shared/conformance/v6 was produced with EMQX's code on OTP 25 (PCRE 8), so
 * the conformance truth for v6 follows `pcre1-latin1`; `regexFlavorDifference` tells
 * whether a pattern is affected at all.
 */
export function regexFlavorFor(dialect: Dialect): RegexFlavor {
  return capabilities(dialect).regexFlavor;
}

/**
 * PCRE 8 errors that PCRE2 10.43+ no longer raises (variable-length lookbehind, `(?^)`,
 * names up to 128 bytes): under the pcre2 flavor these become `unsupported`, not `invalid`.
 */
const PCRE2_LENIENT = [
  "lookbehind assertion is not fixed length",
  "subpattern name is too long (maximum 32 characters)",
  "regular expression is too complicated",
];

const cache = new Map<string, ErlangRegex>();
const CACHE_LIMIT = 10_000;

/** Compiles an Erlang `re` pattern (cached by flavor and pattern). */
export function compileErlangRegex(pattern: Bytes, options: ErlangRegexOptions = {}): ErlangRegex {
  const flavor = options.flavor ?? "pcre1-latin1";
  const key = flavor + "\0" + pattern;
  let r = cache.get(key);
  if (r === undefined) {
    r = compileUncached(pattern, flavor);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, r);
  }
  return r;
}

/** The parsed pattern, or what re:compile says of it (PCRE2 may accept some of PCRE 8's errors: not modelled). */
function parsePattern(
  pattern: Bytes,
  flavor: RegexFlavor,
): ParsedRegex | { invalid: RegexSyntaxError } | { unsupportedBy: string } {
  try {
    return parseRegex(pattern, flavor);
  } catch (e) {
    // groups nested deeper than this parser's stack (PCRE's own limits come first for captures)
    if (e instanceof RangeError) return { unsupportedBy: "groups nested too deeply to follow" };
    if (!(e instanceof RegexSyntaxError)) throw e;
    if (flavor === "pcre2-ascii" && PCRE2_LENIENT.includes(e.message))
      return { unsupportedBy: `PCRE2 (OTP 28) may accept what PCRE 8 rejects here (${e.message})` };
    return { invalid: e };
  }
}

/** The JS RegExp source and flags the pattern translates to (lint and tests use it; compileErlangRegex no longer runs it), or the failure. */
export function translateToJs(
  pattern: Bytes,
  flavor: RegexFlavor = "pcre1-latin1",
): { js: string; flags: string } | { invalid: RegexSyntaxError } | { unsupported: string } {
  const parsed = parsePattern(pattern, flavor);
  if ("invalid" in parsed || "unsupportedBy" in parsed)
    return "invalid" in parsed ? parsed : { unsupported: parsed.unsupportedBy };
  try {
    const { source, flags } = emitJs(parsed);
    return { js: source, flags };
  } catch (e) {
    if (e instanceof Untranslatable) return { unsupported: e.message };
    throw e;
  }
}

function compileUncached(pattern: Bytes, flavor: RegexFlavor): ErlangRegex {
  const parsed = parsePattern(pattern, flavor);
  if ("invalid" in parsed) return { kind: "invalid", message: parsed.invalid.message, offset: parsed.invalid.offset };
  if ("unsupportedBy" in parsed) return { kind: "unsupported", reason: parsed.unsupportedBy };
  const prog = backtrackProgram(parsed);
  if ("unsupported" in prog) return { kind: "unsupported", reason: prog.unsupported };
  const verdict = backtrackTest(prog);
  const partial = partialReason(prog);
  if (partial !== null) return { kind: "partial", source: pattern, reason: partial, verdict };
  // every answer is known
  const backtracking = (subject: Bytes) => verdict(subject) === true;
  if (parsed.unsupported.length > 0) return { kind: "ok", source: pattern, test: backtracking };
  return { kind: "ok", source: pattern, test: linearFirst(pattern, flavor, backtracking) };
}

/**
 * Answers from the pattern's DFA (built on first use) when it has one: time linear in the
 * subject. EMQX's PCRE stops after its match limit (10,000,000) and answers nomatch; the
 * two differ only when a match exists that backtracking reaches after that many steps, a
 * pattern `regex-redos` flags. Patterns without a DFA (backreferences, lookbehinds, atomic
 * groups, or too many states) use the backtracking matcher, which counts PCRE's steps.
 */
function linearFirst(
  pattern: Bytes,
  flavor: RegexFlavor,
  backtracking: (subject: Bytes) => boolean,
): (subject: Bytes) => boolean {
  let test: ((subject: Bytes) => boolean) | null = null;
  return (subject) => {
    if (test === null) {
      const d = regexToDfa(pattern, { flavor });
      test = "unsupported" in d ? backtracking : (s) => dfaAccepts(d, s);
    }
    return test(subject);
  };
}
