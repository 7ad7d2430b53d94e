/**
 * Valid UTF-8 as a DFA over bytes (RFC 3629; what Erlang's `<<_/utf8, …>>` accepts: no
 * overlong form, no surrogate, at most U+10FFFF): witnesses that must be writable as text.
 */
import type { Dfa } from "./dfa";

let utf8Cache: Dfa | null = null;

/** The language of valid UTF-8 byte strings (RFC 3629 table 3-7), built once. */
export function utf8Dfa(): Dfa {
  if (utf8Cache) return utf8Cache;
  // states: 0 char boundary (accepting), 1..3 continuation bytes still due, 4 E0 (A0-BF),
  // 5 ED (80-9F), 6 F0 (90-BF), 7 F4 (80-8F), 8 dead
  const next = (q: number, x: number): number => {
    const cont = x >= 0x80 && x <= 0xbf;
    if (q === 0) {
      if (x < 0x80) return 0;
      if (x >= 0xc2 && x <= 0xdf) return 1;
      if (x === 0xe0) return 4;
      if (x === 0xed) return 5;
      if (x >= 0xe1 && x <= 0xef) return 2;
      if (x === 0xf0) return 6;
      if (x >= 0xf1 && x <= 0xf3) return 3;
      return x === 0xf4 ? 7 : 8;
    }
    if (q >= 1 && q <= 3) return cont ? q - 1 : 8;
    if (q === 4) return x >= 0xa0 && x <= 0xbf ? 1 : 8;
    if (q === 5) return x >= 0x80 && x <= 0x9f ? 1 : 8;
    if (q === 6) return x >= 0x90 && x <= 0xbf ? 2 : 8;
    if (q === 7) return x >= 0x80 && x <= 0x8f ? 2 : 8;
    return 8;
  };
  const classOf = new Uint16Array(256);
  const keys = new Map<string, number>();
  const columns: number[][] = [];
  for (let x = 0; x < 256; x++) {
    const col = Array.from({ length: 9 }, (_, q) => next(q, x));
    const key = col.join(",");
    if (!keys.has(key)) keys.set(key, columns.push(col) - 1);
    classOf[x] = keys.get(key)!;
  }
  const k = columns.length;
  const trans = new Int32Array(9 * k);
  for (let q = 0; q < 9; q++) for (let c = 0; c < k; c++) trans[q * k + c] = columns[c][q];
  const accepting = new Uint8Array(9);
  accepting[0] = 1;
  return (utf8Cache = { classOf, classCount: k, stateCount: 9, trans, accepting, start: 0 });
}

/** Is the byte string valid UTF-8 (no overlong form, no surrogate, at most U+10FFFF)? */
export function isUtf8(b: string): boolean {
  if (/^[\x00-\x7f]*$/.test(b)) return true;
  const u = utf8Dfa();
  let q = u.start;
  for (let i = 0; i < b.length; i++) q = u.trans[q * u.classCount + u.classOf[b.charCodeAt(i) & 0xff]];
  return u.accepting[q] === 1;
}
