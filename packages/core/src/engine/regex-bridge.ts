/**
 * The one place the engine and the lowering reach Erlang `re`: `compileErlangRegex` from
 * `../regex` (written by another engineer), cached per pattern.
 */
import type { Bytes } from "../model/rule";
import { compileErlangRegex, type ErlangRegex } from "../regex";

export type { ErlangRegex };
type Compiler = (pattern: Bytes) => ErlangRegex;

let compiler: Compiler = compileErlangRegex;
const cache = new Map<Bytes, ErlangRegex>();

/** Replaces the regex compiler (tests). */
export function setRegexCompiler(fn: Compiler): void {
  compiler = fn;
  cache.clear();
}

/** The compiled pattern, cached. */
export function regexFor(pattern: Bytes): ErlangRegex {
  let r = cache.get(pattern);
  if (r === undefined) {
    r = compiler(pattern);
    cache.set(pattern, r);
  }
  return r;
}
