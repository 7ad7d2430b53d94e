/**
 * Sets of bytes (0..255) as 256-entry bit arrays, and the character tables Erlang's
 * bundled PCRE uses. Erlang/OTP ships ISO-8859-1 tables (not PCRE's "C" locale ones): `\w`
 * and `[[:alpha:]]` include Latin-1 letters and `(?i)` folds `À`↔`à`. Every table below was
 * measured with `re:run/2` on OTP 25 (one byte subject per code, see regex.erl.test.ts).
 */

/**
 * A set of bytes: entry b is 1 when byte b is a member. Entry `HIGH` (256) stands for every
 * code point above U+00FF: it only means something in UTF-8 mode (`(*UTF8)`), where the
 * pattern's characters are code points; complements include it, positive classes do not.
 */
export type ByteSet = Uint8Array;

/** The entry for "every code point above U+00FF" (UTF-8 mode only). */
export const HIGH = 256;

import {
  complementRanges,
  isAllWide,
  normalizeRanges,
  rangesToClass,
  WIDE_MAX,
  WIDE_MIN,
  type WideRanges,
} from "./wide-ranges";
import { pcreProperty, ucpClassRanges } from "./pcre-ucd";

/**
 * Sets are carved out of small shared buffers: a typed array this size has its own
 * off-heap store, and allocating one per literal was most of a regex's parse time (a
 * pattern like `^user1-[0-9]+$` makes ~20). A small pool keeps little alive with one set.
 */
const SET_BYTES = HIGH + 1;
const POOL_SETS = 16;
let pool = new ArrayBuffer(0);
let poolUsed = 0;

/** An empty set. */
export function emptySet(): ByteSet {
  if (poolUsed + SET_BYTES > pool.byteLength) {
    pool = new ArrayBuffer(SET_BYTES * POOL_SETS);
    poolUsed = 0;
  }
  const s = new Uint8Array(pool, poolUsed, SET_BYTES);
  poolUsed += SET_BYTES;
  return s;
}

/**
 * UTF-8 mode, when the code points above U+00FF a set holds are some but not all (`\p{L}`,
 * `\h`, `[^Ж]`, `\w` under (*UCP)): which, as sorted code point ranges (its members
 * ≤ U+00FF do not count). Kept beside the set so the set operations below carry it along.
 */
const wideRangeParts = new WeakMap<ByteSet, WideRanges>();

/** The members above U+00FF as a `v`-flag JS class, or null for none. */
export function wideOf(set: ByteSet): string | null {
  const rs = wideRangeParts.get(set);
  return rs ? rangesToClass(rs) : set[HIGH] ? "[\\u{100}-\\u{10ffff}]" : null;
}

/** Whether the set holds some but not all code points above U+00FF. */
export function hasPartialWide(set: ByteSet): boolean {
  return wideRangeParts.has(set);
}

/** The members above U+00FF as ranges (every one or none by `HIGH`, or the explicit ranges). */
export function wideRangesOf(set: ByteSet): WideRanges {
  return wideRangeParts.get(set) ?? (set[HIGH] ? [[WIDE_MIN, WIDE_MAX]] : []);
}

/** Sets `s`'s members above U+00FF to the code points of `rs` (in place). */
function putWideRanges(s: ByteSet, rs: WideRanges): ByteSet {
  wideRangeParts.delete(s);
  s[HIGH] = isAllWide(rs) ? 1 : 0;
  if (rs.length > 0 && !isAllWide(rs)) wideRangeParts.set(s, rs);
  return s;
}

/** A copy of `set` whose members above U+00FF are the code points of `ranges`. */
export function withWideRanges(set: ByteSet, ranges: readonly (readonly [number, number])[]): ByteSet {
  return putWideRanges(Uint8Array.from(set), normalizeRanges(ranges));
}

/** Carries a partial wide part from `from` over to the derived set `to` (complemented: `negate`). */
function carryWide(from: ByteSet, to: ByteSet, negate = false): ByteSet {
  const rs = wideRangeParts.get(from);
  if (rs !== undefined) wideRangeParts.set(to, negate ? complementRanges(rs) : rs);
  return to;
}

/** A set built from inclusive ranges `[lo, hi]` (a number alone is one byte). */
export function setOf(...ranges: (number | [number, number])[]): ByteSet {
  const s = emptySet();
  for (const r of ranges) {
    const [lo, hi] = typeof r === "number" ? [r, r] : r;
    for (let b = lo; b <= hi; b++) s[b] = 1;
  }
  return s;
}

/** Complement of a set. */
export function setNot(a: ByteSet): ByteSet {
  const s = emptySet();
  for (let b = 0; b <= HIGH; b++) s[b] = a[b] ? 0 : 1;
  carryWide(a, s, true);
  // with a partial wide part, HIGH is unused (and left 0, as putWideRanges does)
  if (wideRangeParts.has(s)) s[HIGH] = 0;
  return s;
}

/** Adds every member of `b` into `into` (mutates `into`). */
export function setAddAll(into: ByteSet, b: ByteSet): void {
  if (!wideRangeParts.has(into) && !wideRangeParts.has(b)) {
    for (let i = 0; i <= HIGH; i++) if (b[i]) into[i] = 1;
    return;
  }
  const [ri, rb] = [wideRangesOf(into), wideRangesOf(b)];
  for (let i = 0; i < HIGH; i++) if (b[i]) into[i] = 1;
  putWideRanges(into, normalizeRanges([...ri, ...rb]));
}

/** Whether the set has no byte member. */
export function setIsEmpty(a: ByteSet): boolean {
  for (let i = 0; i < 256; i++) if (a[i]) return false;
  return true;
}

/** Number of byte members. */
export function setSize(a: ByteSet): number {
  let n = 0;
  for (let i = 0; i < 256; i++) n += a[i];
  return n;
}

/** Erlang's other-case table: Latin-1 letters fold pairwise, ß ÿ ª µ º have no other case. */
export function otherCase(b: number): number {
  if ((b >= 0x41 && b <= 0x5a) || (b >= 0xc0 && b <= 0xde && b !== 0xd7)) return b + 0x20;
  if ((b >= 0x61 && b <= 0x7a) || (b >= 0xe0 && b <= 0xfe && b !== 0xf7)) return b - 0x20;
  return b;
}

/** The set closed under `otherCase` (what `(?i)` does to a class before negation). */
export function setFold(a: ByteSet): ByteSet {
  const s = Uint8Array.from(a);
  for (let b = 0; b < 256; b++) if (a[b]) s[otherCase(b)] = 1;
  return carryWide(a, s);
}

const ALPHA: [number, number][] = [
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xaa, 0xaa],
  [0xb5, 0xb5],
  [0xba, 0xba],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0xff],
];

/** Class escapes `\d \w \s \h \v` (upper-case forms are their complements). */
export const ESCAPE_CLASSES: Record<string, ByteSet> = {
  d: setOf([0x30, 0x39]),
  w: setOf([0x30, 0x39], 0x5f, ...ALPHA),
  s: setOf([0x09, 0x0d], 0x20),
  h: setOf(0x09, 0x20, 0xa0),
  v: setOf([0x0a, 0x0d], 0x85),
};

/** POSIX classes `[[:name:]]` as measured (note: `ascii` matches every byte on OTP 25). */
export const POSIX_CLASSES: Record<string, ByteSet> = {
  alpha: setOf(...ALPHA),
  lower: setOf([0x61, 0x7a], 0xaa, 0xb5, 0xba, [0xdf, 0xf6], [0xf8, 0xff]),
  upper: setOf([0x41, 0x5a], [0xc0, 0xd6], [0xd8, 0xde]),
  alnum: setOf([0x30, 0x39], ...ALPHA),
  ascii: setOf([0x00, 0xff]),
  blank: setOf(0x09, 0x20),
  cntrl: setOf([0x00, 0x1f], [0x7f, 0x9f]),
  digit: setOf([0x30, 0x39]),
  graph: setOf([0x21, 0x7e], [0xa0, 0xff]),
  print: setOf([0x20, 0x7e], [0xa0, 0xff]),
  punct: setOf(
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
    [0xa0, 0xa9],
    [0xab, 0xb4],
    [0xb6, 0xb9],
    [0xbb, 0xbf],
    0xd7,
    0xf7,
  ),
  space: setOf([0x09, 0x0d], 0x20),
  word: setOf([0x30, 0x39], 0x5f, ...ALPHA),
  xdigit: setOf([0x30, 0x39], [0x41, 0x46], [0x61, 0x66]),
};

/** Bytes `\w` matches; `\b` is a change of membership in this set. */
export const WORD: ByteSet = ESCAPE_CLASSES.w;

/**
 * Which PCRE Erlang runs. `pcre1-latin1`: OTP ≤ 27 (EMQX 5.x, 6.0): PCRE 8.x with Erlang's
 * ISO-8859-1 tables (measured). `pcre2-ascii`: OTP 28 (EMQX 6.1+ / HEAD): PCRE2 with its
 * default "C"-locale tables — erts/emulator/beam/erl_bif_re.c sets no character tables and
 * erts/emulator/pcre/pcre2_chartables.c is the C-locale table (read, not executed here).
 */
export type RegexFlavor = "pcre1-latin1" | "pcre2-ascii";

/** The character tables a flavor compiles with. */
export interface CharTables {
  escape: Record<string, ByteSet>;
  posix: Record<string, ByteSet>;
  word: ByteSet;
  /** Close a set under `(?i)`. */
  fold(set: ByteSet): ByteSet;
}

/** Erlang OTP ≤ 27: Latin-1. */
export const LATIN1_TABLES: CharTables = { escape: ESCAPE_CLASSES, posix: POSIX_CLASSES, word: WORD, fold: setFold };

const ASCII_ALPHA: [number, number][] = [
  [0x41, 0x5a],
  [0x61, 0x7a],
];
const ASCII_WORD = setOf([0x30, 0x39], 0x5f, ...ASCII_ALPHA);

/** PCRE2's default C-locale tables (OTP 28); `\h` and `\v` are fixed lists in PCRE2 too. */
export const ASCII_TABLES: CharTables = {
  escape: { d: ESCAPE_CLASSES.d, w: ASCII_WORD, s: ESCAPE_CLASSES.s, h: ESCAPE_CLASSES.h, v: ESCAPE_CLASSES.v },
  posix: {
    alpha: setOf(...ASCII_ALPHA),
    lower: setOf([0x61, 0x7a]),
    upper: setOf([0x41, 0x5a]),
    alnum: setOf([0x30, 0x39], ...ASCII_ALPHA),
    ascii: setOf([0x00, 0x7f]),
    blank: setOf(0x09, 0x20),
    cntrl: setOf([0x00, 0x1f], 0x7f),
    digit: setOf([0x30, 0x39]),
    graph: setOf([0x21, 0x7e]),
    print: setOf([0x20, 0x7e]),
    punct: setOf([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]),
    space: setOf([0x09, 0x0d], 0x20),
    word: ASCII_WORD,
    xdigit: setOf([0x30, 0x39], [0x41, 0x46], [0x61, 0x66]),
  },
  word: ASCII_WORD,
  fold: (a) => {
    const s = Uint8Array.from(a);
    for (let b = 0x41; b <= 0x5a; b++) if (a[b] || a[b + 0x20]) s[b] = s[b + 0x20] = 1;
    return carryWide(a, s);
  },
};

/** Tables of a flavor. */
export function tablesFor(flavor: RegexFlavor): CharTables {
  return flavor === "pcre2-ascii" ? ASCII_TABLES : LATIN1_TABLES;
}

const UCP_WORD = setOf(
  [0x30, 0x39],
  [0x41, 0x5a],
  0x5f,
  [0x61, 0x7a],
  0xaa,
  [0xb2, 0xb3],
  0xb5,
  [0xb9, 0xba],
  [0xbc, 0xbe],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0xff],
);
const UCP_SPACE = setOf([0x09, 0x0d], 0x20, 0x85, 0xa0);

/**
 * `(*UCP)` without UTF-8 (OTP ≤ 27): `\w`, `\s`, `\b` and the POSIX classes follow Unicode
 * properties of the Latin-1 code points (`\w` gains ² ³ ¹ ¼ ½ ¾, `\s` gains NEL and NBSP, `[:blank:]` NBSP,
 * `[:punct:]` loses the symbols above 127); case folding keeps the Latin-1 table.
 * Measured with `re:run/2` on OTP 25, one byte subject per code.
 */
export const UCP_LATIN1_TABLES: CharTables = {
  escape: { ...ESCAPE_CLASSES, w: UCP_WORD, s: UCP_SPACE },
  posix: {
    ...POSIX_CLASSES,
    alnum: setOf(
      [0x30, 0x39],
      [0x41, 0x5a],
      [0x61, 0x7a],
      0xaa,
      [0xb2, 0xb3],
      0xb5,
      [0xb9, 0xba],
      [0xbc, 0xbe],
      [0xc0, 0xd6],
      [0xd8, 0xf6],
      [0xf8, 0xff],
    ),
    lower: setOf([0x61, 0x7a], 0xb5, [0xdf, 0xf6], [0xf8, 0xff]),
    blank: setOf(0x09, 0x20, 0xa0),
    graph: setOf([0x21, 0x7e], [0xa1, 0xff]),
    punct: setOf([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e], 0xa1, 0xa7, 0xab, [0xb6, 0xb7], 0xbb, 0xbf),
    space: UCP_SPACE,
    word: UCP_WORD,
  },
  word: UCP_WORD,
  fold: setFold,
};

/** `\\h` and `\\v` in UTF-8 mode also take these wider spaces and line ends (ranges: the DFA follows them). */
const WIDE_H: [number, number][] = [
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200a],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
];
const WIDE_V: [number, number][] = [[0x2028, 0x2029]];

/**
 * UTF-8 mode without (*UCP): code points above U+00FF never match `\\d \\s \\w` nor a POSIX
 * class, but `\\h` and `\\v` have wide members (PCRE 8's fixed lists).
 */
export function utf8Tables(base: CharTables): CharTables {
  return {
    ...base,
    escape: { ...base.escape, h: withWideRanges(base.escape.h, WIDE_H), v: withWideRanges(base.escape.v, WIDE_V) },
  };
}

/**
 * UTF-8 mode with (*UCP): the classes are Unicode properties over every code point, from
 * the flavor's tables (pcre-ucd.ts): `\\w` is Xwd, `\\s` Xsp, `\\d` Nd, and the POSIX
 * classes as PCRE defines them under UCP. PCRE2 10.45 (measured on every code point) has
 * the same rules over its Unicode 16 categories, its wider Xwd, and fullwidth hex digits
 * in `[:xdigit:]`.
 */
export function ucpUtf8Tables(flavor: RegexFlavor = "pcre1-latin1"): CharTables {
  const wide = (set: ByteSet, name: string) => withWideRanges(set, pcreProperty(name, flavor)!);
  const word = wide(UCP_WORD, "Xwd");
  const space = wide(UCP_SPACE, "Xsp");
  const digit = wide(ESCAPE_CLASSES.d, "Nd");
  const posix = UCP_LATIN1_TABLES.posix;
  return {
    escape: {
      d: digit,
      w: word,
      s: space,
      h: withWideRanges(ESCAPE_CLASSES.h, WIDE_H),
      v: withWideRanges(ESCAPE_CLASSES.v, WIDE_V),
    },
    posix: {
      ...posix,
      alpha: wide(posix.alpha, "L"),
      lower: wide(posix.lower, "Ll"),
      upper: wide(posix.upper, "Lu"),
      alnum: wide(posix.alnum, "Xan"),
      digit,
      space,
      word,
      blank: withWideRanges(posix.blank, WIDE_H),
      punct: withWideRanges(posix.punct, ucpClassRanges("punct", flavor)),
      graph: withWideRanges(posix.graph, ucpClassRanges("graph", flavor)),
      print: withWideRanges(posix.print, ucpClassRanges("print", flavor)),
      xdigit:
        flavor === "pcre2-ascii"
          ? withWideRanges(posix.xdigit, [
              [0xff10, 0xff19],
              [0xff21, 0xff26],
              [0xff41, 0xff46],
            ])
          : posix.xdigit,
    },
    word,
    fold: setFold,
  };
}
