/**
 * Topic words and matching as `emqx_topic` does it: split on `/`; a level that is exactly
 * `+` is PLUS, exactly `#` is HASH; the request (a topic name, or for SUBSCRIBE the filter
 * as sent) is matched word by word, its own wildcards read as ordinary words.
 */
import type { Bytes } from "../model/rule";

/** Splits a topic into levels (`""` is one empty level, as `emqx_topic:words/1`). */
export function words(topic: Bytes): Bytes[] {
  return topic.split("/");
}

/**
 * `emqx_topic:match/2` on word lists. `dollarGuard` (v5.8.2+, v6): a request whose first
 * word starts with `$` is never matched by a filter whose first word is `+` or `#`.
 */
export function matchWords(name: readonly Bytes[], filter: readonly Bytes[], dollarGuard: boolean): boolean {
  if (dollarGuard && name.length > 0 && filter.length > 0) {
    const f0 = filter[0];
    if ((f0 === "+" || f0 === "#") && name[0].charCodeAt(0) === 36) return false;
  }
  return matchFrom(name, filter, 0, 0);
}

function matchFrom(name: readonly Bytes[], filter: readonly Bytes[], i: number, j: number): boolean {
  // Erlang clause order, committed: equal heads, then PLUS, then a final HASH. Equal
  // heads win even for HASH: the request filter `#/x` is not matched by the rule `#`.
  for (;;) {
    if (j === filter.length) return i === name.length;
    const f = filter[j];
    if (i < name.length && (name[i] === f || f === "+")) {
      i++;
      j++;
      continue;
    }
    return f === "#" && j === filter.length - 1;
  }
}

/** `{eq, T}`: exact equality of word lists (no wildcards, no `$` rule). */
export function eqWords(name: readonly Bytes[], expected: readonly Bytes[]): boolean {
  if (name.length !== expected.length) return false;
  for (let i = 0; i < name.length; i++) if (name[i] !== expected[i]) return false;
  return true;
}

/**
 * `matchWords(name, words(filter), dollarGuard)` without splitting `filter` into a list:
 * the levels are compared in place (a rendered template is matched once per candidate rule,
 * so this spares an allocation per try).
 */
export function matchFilterText(name: readonly Bytes[], filter: Bytes, dollarGuard: boolean): boolean {
  const len = filter.length;
  if (dollarGuard && name.length > 0) {
    const c0 = filter.charCodeAt(0);
    if ((c0 === 43 || c0 === 35) && (len === 1 || filter.charCodeAt(1) === 47) && name[0].charCodeAt(0) === 36)
      return false;
  }
  let i = 0;
  let pos = 0;
  for (;;) {
    let end = filter.indexOf("/", pos);
    const last = end < 0;
    if (last) end = len;
    const flen = end - pos;
    const plus = flen === 1 && filter.charCodeAt(pos) === 43;
    if (i < name.length && (plus || (name[i].length === flen && filter.startsWith(name[i], pos)))) {
      i++;
      if (last) return i === name.length;
      pos = end + 1;
      continue;
    }
    return last && flen === 1 && filter.charCodeAt(pos) === 35;
  }
}
