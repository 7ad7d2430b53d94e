/**
 * Unicode properties as Erlang's `re` knows them: PCRE 8's tables are Unicode 7.0 (measured
 * on OTP 25, whose `re:version()` is PCRE 8.44: U+1F97A is unassigned, `\p{Adlam}` does not
 * compile). JS's own `\p{…}` follows a newer Unicode and answers
 * differently for every character assigned since, so the tables are PCRE's own, measured
 * with re:run/2 (pcre-ucd.data.ts, written by scripts/gen-pcre-ucd.mjs;
 * pcre-ucd.erl.test.ts checks every name and class below against erl on every code point).
 *
 * The derived names follow PCRE 8's documented meanings: `L&` is Lu, Ll and Lt; `Xan` L and
 * N; `Xwd` those and `_`; `Xps`/`Xsp` Z and the ASCII spaces, U+0085 and U+180E; `Xuc` `$`,
 * `@`, `` ` `` and every code point from U+00A0 on. The (*UCP) POSIX classes `[:graph:]`,
 * `[:print:]` and `[:punct:]` have rules of their own (`ucpClassRanges`).
 *
 * PCRE2 (OTP 28) has Unicode 16's categories (pcre2-ucd.data.ts, measured with PCRE2 10.45)
 * and its `Xwd` also takes Mn and Pc (\w under UCP since 10.43); its scripts are not kept
 * (it matches them by Script_Extensions).
 */
import { lowerBound } from "@emqx-acl/syntax";
import { GB_NAMES, GB_RUNS, GC_NAMES, GC_RUNS, SCRIPT_NAMES, SCRIPT_RUNS } from "./pcre-ucd.data";
import { PCRE2_GC_RUNS } from "./pcre2-ucd.data";
import type { RegexFlavor } from "./byte-set";

/** Sorted, disjoint, inclusive code point ranges over U+0000..U+10FFFF. */
export type CodeRanges = [number, number][];

const MAX = 0x10ffff;

/**
 * Runs of code points with one general category and one script, also cut around the code
 * points the derived names single out (BREAKS), so that a run's first code point decides
 * every name for the whole run.
 */
interface Runs {
  starts: Int32Array;
  gc: Uint8Array;
  script: Uint8Array;
}

let table: Runs | null = null;

function decode(runs: string): { starts: number[]; values: number[] } {
  const starts: number[] = [];
  const values: number[] = [];
  let start = 0;
  for (const part of runs.split(",")) {
    start += parseInt(part.slice(0, -2), 36);
    starts.push(start);
    values.push(parseInt(part.slice(-2), 36));
  }
  return { starts, values };
}

/** Code points where a derived name's rule changes (each the first of a run of its own). */
const BREAKS = [
  0x09, 0x0e, 0x24, 0x25, 0x40, 0x41, 0x5f, 0x60, 0x61, 0x80, 0x85, 0x86, 0xa0, 0x61c, 0x61d, 0x180e, 0x180f, 0x2066,
  0x206a, 0xd800, 0xe000,
];

function runs(flavor: RegexFlavor = "pcre1-latin1"): Runs {
  if (flavor === "pcre2-ascii") return (pcre2Table ??= buildRuns(decode(PCRE2_GC_RUNS), { starts: [0], values: [0] }));
  if (table) return table;
  return (table = buildRuns(decode(GC_RUNS), decode(SCRIPT_RUNS)));
}

let pcre2Table: Runs | null = null;

function buildRuns(g: { starts: number[]; values: number[] }, s: { starts: number[]; values: number[] }): Runs {
  const all = [...new Set([...g.starts, ...s.starts, ...BREAKS])].sort((a, b) => a - b);
  const starts = Int32Array.from(all);
  const gc = new Uint8Array(all.length);
  const script = new Uint8Array(all.length);
  let gi = 0;
  let si = 0;
  for (let i = 0; i < all.length; i++) {
    while (gi + 1 < g.starts.length && g.starts[gi + 1] <= all[i]) gi++;
    while (si + 1 < s.starts.length && s.starts[si + 1] <= all[i]) si++;
    gc[i] = g.values[gi];
    script[i] = s.values[si];
  }
  return { starts, gc, script };
}

type Test = (gc: string, script: number, c: number) => boolean;

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
const group = (gc: string, g: string) => gc[0] === g;
const letterOrNumber = (gc: string) => gc[0] === "L" || gc[0] === "N";
const isPosixSpace = (gc: string, c: number) => gc[0] === "Z" || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0x180e;
/** The format characters PCRE 8 counts as graphic (not U+061C, U+180E, U+2066..U+2069). */
const graphicFormat = (gc: string, c: number, also180e: boolean) =>
  gc === "Cf" && c !== 0x61c && (also180e || c !== 0x180e) && (c < 0x2066 || c > 0x2069);

const SPECIAL: Record<string, Test> = {
  Any: () => true,
  "L&": (gc) => gc === "Lu" || gc === "Ll" || gc === "Lt",
  Xan: letterOrNumber,
  Xwd: (gc, _s, c) => letterOrNumber(gc) || c === 0x5f,
  Xps: (gc, _s, c) => isPosixSpace(gc, c),
  Xsp: (gc, _s, c) => isPosixSpace(gc, c),
  Xuc: (_gc, _s, c) => c === 0x24 || c === 0x40 || c === 0x60 || (c >= 0xa0 && !isSurrogate(c)),
};

/** The (*UCP) POSIX classes with rules beyond a property. */
const UCP_CLASSES = {
  graph: (gc: string, _s: number, c: number) => !group(gc, "Z") && (!group(gc, "C") || graphicFormat(gc, c, false)),
  print: (gc: string, _s: number, c: number) =>
    gc !== "Zl" && gc !== "Zp" && (!group(gc, "C") || graphicFormat(gc, c, true)),
  punct: (gc: string, _s: number, c: number) => group(gc, "P") || (c < 0x80 && group(gc, "S")),
} satisfies Record<string, Test>;

/** PCRE2 10.43+: `Xwd` (\w under UCP) also takes nonspacing marks and connector punctuation. */
const PCRE2_SPECIAL: Record<string, Test> = {
  ...SPECIAL,
  Xwd: (gc, _s, c) => letterOrNumber(gc) || gc === "Mn" || gc === "Pc" || c === 0x5f,
};

function testFor(name: string, flavor: RegexFlavor): Test | null {
  if (flavor === "pcre2-ascii") {
    if (PCRE2_SPECIAL[name]) return PCRE2_SPECIAL[name];
  } else if (SPECIAL[name]) return SPECIAL[name];
  if ((GC_NAMES as readonly string[]).includes(name)) return (gc) => gc === name;
  if (/^[CLMNPSZ]$/.test(name)) return (gc) => gc[0] === name;
  const s = flavor === "pcre2-ascii" ? -1 : SCRIPT_NAMES.indexOf(name);
  return s < 0 ? null : (_gc, script) => script === s + 1;
}

function collect(test: Test, flavor: RegexFlavor = "pcre1-latin1"): CodeRanges {
  const { starts, gc, script } = runs(flavor);
  const out: CodeRanges = [];
  for (let i = 0; i < starts.length; i++) {
    if (!test(GC_NAMES[gc[i]], script[i], starts[i])) continue;
    const hi = i + 1 < starts.length ? starts[i + 1] - 1 : MAX;
    const last = out[out.length - 1];
    if (last && last[1] + 1 === starts[i]) last[1] = hi;
    else out.push([starts[i], hi]);
  }
  return out;
}

/**
 * PCRE2 (10.40+) matches property names loosely, case, spaces, `-` and `_` aside, and takes
 * `Lc` for `L&` (measured with 10.45): the PCRE 8 name a general category or PCRE special
 * stands for, or null for any other name. Scripts are among those: PCRE2 matches a script
 * by its Script_Extensions (`\p{Latin}` takes U+00B7), which these tables do not hold.
 */
export function loosePropertyName(name: string): string | null {
  const loose = name.toLowerCase().replace(/[\s_-]/g, "");
  if (loose === "lc") return "L&";
  const names = [...Object.keys(SPECIAL), ...GC_NAMES, "C", "L", "M", "N", "P", "S", "Z"];
  return names.find((n) => n.toLowerCase() === loose) ?? null;
}

const cache = new Map<string, CodeRanges | null>();

/** The code points `\p{name}` matches (PCRE 8 names are case-sensitive), or null when PCRE knows no such name. */
export function pcreProperty(name: string, flavor: RegexFlavor = "pcre1-latin1"): CodeRanges | null {
  const key = flavor + "\0" + name;
  let r = cache.get(key);
  if (r === undefined) {
    const test = testFor(name, flavor);
    r = test ? collect(test, flavor) : null;
    cache.set(key, r);
  }
  return r;
}

/** The code points of a (*UCP) POSIX class whose rule is not one property's. */
export function ucpClassRanges(name: keyof typeof UCP_CLASSES, flavor: RegexFlavor = "pcre1-latin1"): CodeRanges {
  const key = `${flavor}\0[:${name}:]`;
  let r = cache.get(key);
  if (!r) cache.set(key, (r = collect(UCP_CLASSES[name], flavor)));
  return r;
}

/**
 * `\X` as PCRE 8 reads it: the first character, then each next one as long as the pair of
 * grapheme break classes does not allow a break (the rules of the extended grapheme cluster
 * PCRE 8 implements: CR LF stay together, controls stand alone, Hangul syllable sequences
 * hold, Extend and SpacingMark attach, Regional Indicators pair with each other). The class
 * of every code point is measured (scripts/ucd-graphemes.erl): SpacingMark attaches exactly
 * as Extend does, and Prepend has no member in PCRE's tables.
 */
const KEEPS: Record<string, readonly string[]> = {
  CR: ["LF"],
  LF: [],
  Control: [],
  Extend: ["Extend"],
  L: ["Extend", "L", "V", "LV", "LVT"],
  V: ["Extend", "V", "T"],
  T: ["Extend", "T"],
  LV: ["Extend", "V", "T"],
  LVT: ["Extend", "T"],
  RI: ["RI"],
  Other: ["Extend"],
};

let graphemes: { starts: Int32Array; classes: Uint8Array; keeps: Int32Array } | null = null;

function graphemeTable() {
  if (graphemes) return graphemes;
  const { starts, values } = decode(GB_RUNS);
  const keeps = Int32Array.from(GB_NAMES, (left) => {
    let mask = 0;
    for (const right of KEEPS[left]) mask |= 1 << GB_NAMES.indexOf(right);
    return mask;
  });
  return (graphemes = { starts: Int32Array.from(starts), classes: Uint8Array.from(values), keeps });
}

function graphemeClass(starts: Int32Array, classes: Uint8Array, c: number): number {
  // the run holding c: the last start at or below it (starts[0] is 0)
  return classes[lowerBound(starts, c + 1) - 1];
}

/** Where the grapheme cluster starting at `pos` (< the subject's length) ends: `\X`'s extent. */
export function clusterEnd(subject: ArrayLike<number>, pos: number): number {
  const { starts, classes, keeps } = graphemeTable();
  let left = graphemeClass(starts, classes, subject[pos++]);
  while (pos < subject.length) {
    const right = graphemeClass(starts, classes, subject[pos]);
    if ((keeps[left] & (1 << right)) === 0) break;
    left = right;
    pos++;
  }
  return pos;
}
