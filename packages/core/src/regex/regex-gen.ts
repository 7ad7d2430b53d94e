/**
 * Test helper: seeded random generators of PCRE patterns, of metacharacter soup (to
 * exercise error paths) and of subjects likely to hit interesting cases.
 */

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const ATOMS = [
  "a",
  "b",
  "c",
  "A",
  "B",
  "-",
  "/",
  ".",
  "\\.",
  "\\d",
  "\\w",
  "\\s",
  "\\W",
  "\\D",
  "[a-c]",
  "[^ab]",
  "[[:alpha:]]",
  "[[:^digit:]]",
  "[aB-]",
  "\\x41",
  "\\n",
  "\\xe9",
  "\\h",
  "\\v",
  "[\\d_]",
  "\\N",
  "\\C",
];
const ANCHORS = ["^", "$", "\\A", "\\z", "\\Z", "\\b", "\\B", "\\G"];
const QUANTS = ["*", "+", "?", "{2}", "{1,3}", "{0,}", "{2,}", "*?", "+?", "??", "{1,2}?"];
const POSSESSIVE = ["*+", "++", "?+", "{1,2}+"];
const OPTS = ["(?i)", "(?m)", "(?s)", "(?x)", "(?-i)", "(?U)", "(?im)"];

/** Which constructs a generated pattern may use. */
export interface GenOptions {
  /** Atomic groups, possessive quantifiers, lookarounds, backreferences. */
  backtrackingControl: boolean;
  /** Also verbs, subroutine calls and recursion, conditionals, `\\K` and callouts. */
  pcreExtras?: boolean;
}

const VERBS = [
  "(*FAIL)",
  "(*F)",
  "(*ACCEPT)",
  "(*COMMIT)",
  "(*PRUNE)",
  "(*SKIP)",
  "(*THEN)",
  "(*MARK:m)",
  "(*:m)",
  "(*SKIP:m)",
  "(*PRUNE:m)",
  "(*THEN:m)",
  "\\K",
  "(?C)",
  "(?C7)",
];

/** One of the constructs only the backtracking matcher follows, given `groups` groups so far. */
function genExtra(r: () => number, o: GenOptions, depth: number, groups: number): string {
  const x = r();
  const ref = 1 + Math.floor(r() * Math.max(groups, 1));
  if (x < 0.4) return pick(r, VERBS);
  if (x < 0.55) return pick(r, [`(?${ref})`, "(?R)", `(?-1)`, `(?+1)`, `\\g<${ref}>`, "(?&n00)", "(?P>n01)"]);
  if (x < 0.65)
    return `(?|${genPattern(r, o, depth + 1)}|(${genPattern(r, o, depth + 1)})|(${genPattern(r, o, depth + 1)})(b))\\${ref}?`;
  const cond = pick(r, [`(${ref})`, "(R)", `(R${ref})`, "(?=a)", "(?!b)", "(?<=a)", "(DEFINE)", "(<n00>)"]);
  const body =
    genPattern(r, o, depth + 1) + (r() < 0.6 && cond !== "(DEFINE)" ? "|" + genPattern(r, o, depth + 1) : "");
  return `(?${cond}${body})`;
}

/** A random pattern (always syntactically valid PCRE, ignoring rare edge cases). */
export function genPattern(r: () => number, o: GenOptions, depth = 0): string {
  const n = 1 + Math.floor(r() * 4);
  let out = "";
  let groups = 0;
  for (let k = 0; k < n; k++) {
    const x = r();
    let atom: string;
    let quantifiable = true;
    if (x < 0.45 || depth > 2) atom = pick(r, ATOMS);
    else if (x < 0.55) {
      atom = pick(r, ANCHORS);
      quantifiable = false;
    } else if (x < 0.62) {
      atom = pick(r, OPTS);
      quantifiable = false;
    } else if (x < 0.85) {
      const kind = o.backtrackingControl
        ? pick(r, ["(", "(?:", "(?>", "(?=", "(?!", "(?i:", "(?<n" + depth + k + ">"])
        : pick(r, ["(", "(?:", "(?i:", "(?s:"]);
      atom = kind + genPattern(r, o, depth + 1) + (r() < 0.4 ? "|" + genPattern(r, o, depth + 1) : "") + ")";
      if (kind === "(" || kind.startsWith("(?<")) groups++;
      quantifiable = kind !== "(?=" && kind !== "(?!";
    } else if (x < 0.92 && o.backtrackingControl) {
      atom = "(?<=" + pick(r, ["a", "b|cd", "\\d", "[ab]c", "^"]) + ")";
      quantifiable = false;
    } else if (o.pcreExtras && x < 0.97) {
      atom = genExtra(r, o, depth, groups);
      quantifiable = r() < 0.3;
    } else if (o.backtrackingControl && groups > 0) atom = "\\" + (1 + Math.floor(r() * groups));
    else atom = pick(r, ATOMS);
    out += atom;
    if (quantifiable && r() < 0.35) out += o.backtrackingControl && r() < 0.3 ? pick(r, POSSESSIVE) : pick(r, QUANTS);
  }
  if (depth === 0 && r() < 0.2) out += "|" + genPattern(r, o, 1);
  return out;
}

const SOUP = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  "|",
  "*",
  "+",
  "?",
  ".",
  "^",
  "$",
  "\\",
  "-",
  ":",
  ",",
  "0",
  "1",
  "2",
  "3",
  "8",
  "a",
  "b",
  "x",
  "<",
  ">",
  "=",
  "!",
  "#",
  "P",
  "k",
  "g",
  "Q",
  "E",
  "c",
  "'",
  "(?",
  "(?(",
  "\\x{",
  "R",
  "D",
  "&",
  "i",
  "m",
  "s",
  "d",
  "w",
  "B",
  "z",
  "\x00",
  "\xe9",
  "\n",
  " ",
];

/** Random metacharacter soup (mostly invalid patterns, exercising PCRE's error paths). */
export function genSoup(r: () => number): string {
  const n = 1 + Math.floor(r() * 8);
  let s = "";
  for (let k = 0; k < n; k++) s += pick(r, SOUP);
  return s;
}

const SUBJECT_BYTES = [
  "a",
  "b",
  "c",
  "A",
  "B",
  "C",
  "-",
  "/",
  ".",
  "1",
  "2",
  "_",
  " ",
  "\n",
  "\t",
  "\xe9",
  "\xc9",
  "\xc3",
  "\x0b",
  "\x85",
  "\xa0",
  "x",
  "\xff",
  "\xdf",
  "\xb5",
  "\xf7",
  "\xd7",
  "\xe0",
];

/** Subjects for a pattern: random short strings plus a few built from the pattern's own letters. */
export function genSubjects(r: () => number, pattern: string, count: number): string[] {
  const own = Array.from(new Set(pattern.replace(/[\\()[\]{}|*+?^$]/g, "").split(""))).filter(
    (c) => c.charCodeAt(0) < 256,
  );
  const alphabet = [...SUBJECT_BYTES, ...own, ...own];
  const out = new Set<string>(["", "\n", "a\n", "aaa", "ab-1"]);
  while (out.size < count) {
    const n = Math.floor(r() * 7);
    let s = "";
    for (let k = 0; k < n; k++) s += pick(r, alphabet);
    out.add(s);
  }
  return [...out];
}
