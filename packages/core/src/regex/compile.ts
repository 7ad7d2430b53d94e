/**
 * `compileErlangRegex`: what `re:compile(R)` + `re:run(Subject, MP)` (no options) decide,
 * as a JS predicate over byte strings.
 */
import { RegexSyntaxError } from "./ast";
import { emitJs, Untranslatable } from "./emit-js";
import { parseRegex } from "./parse";

/** A byte string (char codes 0..255). */
type Bytes = string;

/**
 * `ok`: `test` answers whether `re:run(Subject, R)` finds a match (unanchored search).
 * `invalid`: `re:compile` rejects the pattern (EMQX refuses to load it); `message` is PCRE's
 * text, `offset` the byte offset re:compile reports (best effort).
 * `unsupported`: PCRE accepts it but no faithful JS translation exists here.
 */
export type ErlangRegex =
  | { kind: "ok"; source: Bytes; test(subject: Bytes): boolean }
  | { kind: "invalid"; message: string; offset: number }
  | { kind: "unsupported"; reason: string };

const cache = new Map<Bytes, ErlangRegex>();
const CACHE_LIMIT = 10_000;

/** Compiles an Erlang `re` pattern (cached by pattern). */
export function compileErlangRegex(pattern: Bytes): ErlangRegex {
  let r = cache.get(pattern);
  if (r === undefined) {
    r = compileUncached(pattern);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, r);
  }
  return r;
}

/** The JS source `compileErlangRegex` runs (for debugging and tests), or the failure. */
export function translateToJs(pattern: Bytes): { js: string; flags: string } | { invalid: RegexSyntaxError } | { unsupported: string } {
  let parsed;
  try {
    parsed = parseRegex(pattern);
  } catch (e) {
    if (e instanceof RegexSyntaxError) return { invalid: e };
    throw e;
  }
  try {
    const { source, flags } = emitJs(parsed);
    return { js: source, flags };
  } catch (e) {
    if (e instanceof Untranslatable) return { unsupported: e.message };
    throw e;
  }
}

function compileUncached(pattern: Bytes): ErlangRegex {
  const t = translateToJs(pattern);
  if ("invalid" in t) return { kind: "invalid", message: t.invalid.message, offset: t.invalid.offset };
  if ("unsupported" in t) return { kind: "unsupported", reason: t.unsupported };
  let re: RegExp;
  try {
    re = new RegExp(t.js, t.flags);
  } catch (e) {
    return { kind: "unsupported", reason: `internal translation error: ${(e as Error).message}` };
  }
  return { kind: "ok", source: pattern, test: (subject: Bytes) => re.test(subject) };
}
