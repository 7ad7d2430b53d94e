/**
 * UTF-8 mode: explicit sets of code points above U+00FF (`\x{400}`, `[\x{400}-\x{4ff}]`,
 * `[^Ж]`) as sorted inclusive ranges. Unlike a property's `v`-flag class they can be
 * rewritten as UTF-8 byte sequences, so the byte DFAs handle them too.
 */

/** Sorted, disjoint, non-adjacent inclusive ranges within U+0100..U+10FFFF. */
export type WideRanges = [number, number][];

export const WIDE_MIN = 0x100;
export const WIDE_MAX = 0x10ffff;

/** Sorts, clips to the wide range and merges overlapping or adjacent ranges. */
export function normalizeRanges(rs: readonly (readonly [number, number])[]): WideRanges {
  if (isSortedApart(rs))
    return rs.filter(([, hi]) => hi >= WIDE_MIN).map(([lo, hi]) => [Math.max(lo, WIDE_MIN), Math.min(hi, WIDE_MAX)]);
  const sorted = rs
    .map(([lo, hi]) => [Math.max(lo, WIDE_MIN), Math.min(hi, WIDE_MAX)] as [number, number])
    .filter(([lo, hi]) => lo <= hi)
    .sort((a, b) => a[0] - b[0]);
  const out: WideRanges = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Already sorted, disjoint and non-adjacent (a property's ranges are): only clipping is left. */
function isSortedApart(rs: readonly (readonly [number, number])[]): boolean {
  let next = -Infinity;
  for (const [lo, hi] of rs) {
    if (lo < next || hi < lo || hi > WIDE_MAX) return false;
    next = hi + 2;
  }
  return true;
}

/** The wide code points not in `rs` (which must be normalized). */
export function complementRanges(rs: WideRanges): WideRanges {
  const out: WideRanges = [];
  let next = WIDE_MIN;
  for (const [lo, hi] of rs) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= WIDE_MAX) out.push([next, WIDE_MAX]);
  return out;
}

/** Whether normalized `rs` covers every wide code point. */
export const isAllWide = (rs: WideRanges) => rs.length === 1 && rs[0][0] === WIDE_MIN && rs[0][1] === WIDE_MAX;

/** Membership by binary search. */
export function inRanges(rs: WideRanges, c: number): boolean {
  let a = 0;
  let b = rs.length - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    if (c < rs[m][0]) b = m - 1;
    else if (c > rs[m][1]) a = m + 1;
    else return true;
  }
  return false;
}

/** The ranges as a `v`-flag JS class (what the other wide parts are). */
export function rangesToClass(rs: WideRanges): string {
  const u = (c: number) => `\\u{${c.toString(16)}}`;
  return "[" + rs.map(([lo, hi]) => (lo === hi ? u(lo) : `${u(lo)}-${u(hi)}`)).join("") + "]";
}

/** The bytes of one code point's UTF-8 form. */
export function utf8Encode(c: number): number[] {
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 0x3f)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
}

/**
 * The UTF-8 encodings of the code points lo..hi as sequences of byte ranges (each sequence
 * is a product of ranges, one per byte). Surrogates are left out: no UTF-8 subject has them.
 */
export function utf8Sequences(lo: number, hi: number): [number, number][][] {
  const out: [number, number][][] = [];
  const go = (a: number, b: number): void => {
    if (a > b) return;
    if (a < 0xd800 && b > 0xdfff) return (go(a, 0xd7ff), go(0xe000, b));
    if (a >= 0xd800 && a <= 0xdfff) return go(0xe000, b);
    if (b >= 0xd800 && b <= 0xdfff) return go(a, 0xd7ff);
    // one encoding length at a time
    for (const edge of [0x7f, 0x7ff, 0xffff]) if (a <= edge && b > edge) return (go(a, edge), go(edge + 1, b));
    // split until every byte position ranges independently (all continuation bits below
    // the first differing byte are free)
    const n = utf8Encode(a).length;
    for (let i = 1; i < n; i++) {
      const m = (1 << (6 * i)) - 1;
      if ((a & ~m) !== (b & ~m)) {
        if ((a & m) !== 0) return (go(a, a | m), go((a | m) + 1, b));
        if ((b & m) !== m) return (go(a, (b & ~m) - 1), go(b & ~m, b));
      }
    }
    const ea = utf8Encode(a);
    const eb = utf8Encode(b);
    out.push(ea.map((x, i) => [x, eb[i]]));
  };
  go(lo, hi);
  return out;
}
