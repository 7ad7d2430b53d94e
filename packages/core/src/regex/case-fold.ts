/**
 * Caseless matching in UTF-8 mode: PCRE 8 matches a character with every member of its
 * case class (Unicode simple case folding: k K U+212A, s S U+017F, µ Μ μ, ÿ Ÿ …). The
 * classes come from this runtime's Unicode data (single-code-point toLowerCase /
 * toUpperCase, split by the `iu` RegExp flag, which is simple case folding) minus what
 * OTP 25's older Unicode tables (PCRE 8.44, Unicode 7.0) give no partner: measured with
 * re:run, every class member against every other (utf-caseless.erl.test.ts). PCRE2 (OTP 28)
 * has Unicode 16's classes: this runtime's without the pairs new in Unicode 17, compared
 * with PCRE2 10.45's own table (pcre2-measured.test.ts).
 */
import { emptySet, setOf, wideRangesOf, withWideRanges, type ByteSet, type RegexFlavor } from "./byte-set";
import { inRanges } from "./wide-ranges";

/**
 * Code points that fold to nothing else on OTP 25 though newer Unicode pairs them: letters
 * added in Unicode 8 and later (Cherokee small letters, Georgian Mtavruli, Cyrillic
 * U+1C80…, Osage, Vithkuqi, Old Hungarian, Medefaidrin, Adlam, Latin additions) and the
 * older ones whose only partner is such a letter.
 */
const NO_FOLD_ON_OTP25: [number, number][] = [
  [0x19b, 0x19b],
  [0x264, 0x264],
  [0x26a, 0x26a],
  [0x282, 0x282],
  [0x29d, 0x29d],
  [0x10d0, 0x10fa],
  [0x10fd, 0x10ff],
  [0x13a0, 0x13f5],
  [0x13f8, 0x13fd],
  [0x1c80, 0x1c8a],
  [0x1c90, 0x1cba],
  [0x1cbd, 0x1cbf],
  [0x1d8e, 0x1d8e],
  [0x2c2f, 0x2c2f],
  [0x2c5f, 0x2c5f],
  [0xa794, 0xa794],
  [0xa7ae, 0xa7ae],
  [0xa7b2, 0xa7dc],
  [0xa7f5, 0xa7f6],
  [0xab53, 0xab53],
  [0xab70, 0xabbf],
  [0x104b0, 0x104d3],
  [0x104d8, 0x104fb],
  [0x10570, 0x105bc],
  [0x10c80, 0x10cb2],
  [0x10cc0, 0x10cf2],
  [0x10d50, 0x10d85],
  [0x16e40, 0x16e7f],
  [0x16ea0, 0x16ed3],
  [0x1e900, 0x1e943],
];

/**
 * Code points PCRE2 10.45 (OTP 28; Unicode 16) gives no partner though this runtime's
 * Unicode 17 pairs them: compared with PCRE2's own case tables, these are the only
 * differences (letters new in Unicode 17).
 */
const NO_FOLD_IN_PCRE2: [number, number][] = [
  [0xa7ce, 0xa7cf],
  [0xa7d2, 0xa7d5],
  [0x16ea0, 0x16ed3],
];

/**
 * Pairs PCRE2 10.45 matches caselessly that no upper or lower case mapping links: Unicode's
 * case folding maps one lower case letter onto the other (compared with PCRE2's table).
 */
const PCRE2_FOLD_PAIRS: [number, number][] = [
  [0x390, 0x1fd3],
  [0x3b0, 0x1fe3],
  [0xfb05, 0xfb06],
];

/** Whether this runtime's Unicode gives PCRE2's case classes once `NO_FOLD_IN_PCRE2` is taken out. */
export const PCRE2_CASES_KNOWN = ["16", "17"].includes((process.versions.unicode ?? "").split(".")[0]);

/** Where cased letters are: OTP 25's PCRE 8.44 has none above Warang Citi (U+118xx); Adlam is the last in Unicode 16. */
const SCAN_END = 0x1ffff;

const built = new Map<RegexFlavor, { classes: number[][]; classOf: Map<number, number[]> }>();

const single = (s: string): number => {
  const c = s.codePointAt(0)!;
  return s.length === String.fromCodePoint(c).length ? c : -1;
};

/** The case classes (two or more members) of the flavor's tables, built on first use (~30 ms). */
export function caseClasses(flavor: RegexFlavor = "pcre1-latin1"): readonly (readonly number[])[] {
  return build(flavor).classes;
}

function build(flavor: RegexFlavor): { classes: number[][]; classOf: Map<number, number[]> } {
  const done = built.get(flavor);
  if (done) return done;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  const link = (a: number, b: number) => {
    for (const x of [a, b]) if (!parent.has(x)) parent.set(x, x);
    parent.set(find(a), find(b));
  };
  const none = flavor === "pcre2-ascii" ? NO_FOLD_IN_PCRE2 : NO_FOLD_ON_OTP25;
  const dropped = (c: number) => none.some(([lo, hi]) => c >= lo && c <= hi);
  if (flavor === "pcre2-ascii") for (const [a, b] of PCRE2_FOLD_PAIRS) link(a, b);
  for (let c = 0; c <= SCAN_END; c++) {
    if ((c >= 0xd800 && c <= 0xdfff) || dropped(c)) continue;
    const s = String.fromCodePoint(c);
    for (const d of [single(s.toLowerCase()), single(s.toUpperCase())])
      if (d >= 0 && d !== c && !dropped(d)) link(c, d);
  }
  const groups = new Map<number, number[]>();
  for (const c of parent.keys()) {
    const r = find(c);
    groups.set(r, [...(groups.get(r) ?? []), c]);
  }
  const classes: number[][] = [];
  for (const g of groups.values()) {
    // lower/upper links can join what simple folding keeps apart (I, i, ı): split by it
    let rest = g.sort((a, b) => a - b);
    while (rest.length > 0) {
      const re = new RegExp(`^\\u{${rest[0].toString(16)}}$`, "iu");
      const cls = rest.filter((d) => re.test(String.fromCodePoint(d)));
      rest = rest.filter((d) => !cls.includes(d));
      if (cls.length > 1) classes.push(cls);
    }
  }
  classes.sort((a, b) => a[0] - b[0]);
  const classOf = new Map(classes.flatMap((cls) => cls.map((c) => [c, cls] as [number, number[]])));
  built.set(flavor, { classes, classOf });
  return { classes, classOf };
}

/** The characters `c` matches caselessly (itself included). */
export function caseClass(c: number, flavor: RegexFlavor = "pcre1-latin1"): readonly number[] {
  return build(flavor).classOf.get(c) ?? [c];
}

/** A set of explicit characters (bytes and wide ranges) closed under caseless matching. */
export function unicodeFold(set: ByteSet, flavor: RegexFlavor = "pcre1-latin1"): ByteSet {
  const wide = wideRangesOf(set);
  const has = (c: number) => (c <= 0xff ? set[c] === 1 : inRanges(wide, c));
  const bytes = Uint8Array.from(set.subarray(0, 256));
  const extra: [number, number][] = [...wide];
  for (const cls of caseClasses(flavor)) {
    if (!cls.some(has)) continue;
    for (const c of cls)
      if (c <= 0xff) bytes[c] = 1;
      else extra.push([c, c]);
  }
  const out = emptySet();
  out.set(bytes);
  return withWideRanges(out, extra);
}

/** Whether two code points match each other caselessly (backreferences). */
export function sameCaseless(a: number, b: number, flavor: RegexFlavor = "pcre1-latin1"): boolean {
  return a === b || caseClass(a, flavor).includes(b);
}

/** Only for tests: one character's caseless set as a set. */
export function caseSet(c: number): ByteSet {
  return unicodeFold(c <= 0xff ? setOf(c) : withWideRanges(emptySet(), [[c, c]]));
}
