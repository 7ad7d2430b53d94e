/**
 * Character classes `[…]` of PCRE 8.x: `]` first is literal, POSIX `[:name:]` inside,
 * ranges, escapes, `\Q…\E`; with `(?i)` its characters and ranges (not its escapes) are
 * case-folded, before negation.
 */
import { emptySet, POSIX_CLASSES, setAddAll, setNot, withWideRanges, type ByteSet } from "./byte-set";
import type { Options, Parser } from "./parse";

/** PCRE's check_posix_syntax: does `[` at `p` start `[:…:]`, `[.….]` or `[=…=]`? Returns the terminator index. */
export function posixEnd(src: string, p: number): number {
  const term = src[p + 1];
  if (term !== ":" && term !== "." && term !== "=") return -1;
  for (let q = p + 2; q < src.length; q++) {
    const c = src[q];
    if (c === "\\" && (src[q + 1] === "]" || src[q + 1] === "\\")) q++;
    else if ((c === "[" && src[q + 1] === term) || c === "]") return -1;
    else if (c === term && src[q + 1] === "]") return q;
  }
  return -1;
}

type Item = { kind: "char"; code: number } | { kind: "set"; set: ByteSet } | null;

/** Parses the class at `p.pos` (a `[`) and returns the bytes it matches. */
export function parseClass(p: Parser, opts: Options): ByteSet {
  const start = p.pos;
  if (posixEnd(p.src, start) >= 0) p.fail("POSIX named classes are supported only within a class", start);
  p.pos++;
  let negate = false;
  if (p.peek() === 0x5e) {
    negate = true;
    p.pos++;
  }
  const set = emptySet();
  // explicit characters apart: only they fold under (?i) (PCRE 8 leaves \p{Lu} upper case
  // in a class, as outside one); in UTF-8 mode those above U+00FF as ranges, added at the end
  const lits = emptySet();
  const wide: [number, number][] = [];
  let first = true;
  let quote = false;
  for (;;) {
    if (p.pos >= p.src.length) p.fail("missing terminating ] for character class", p.src.length);
    if (quote) {
      if (p.src.startsWith("\\E", p.pos)) {
        quote = false;
        p.pos += 2;
        continue;
      }
    } else if (p.peek() === 0x5d && !first) {
      p.pos++;
      break;
    }
    const item = quote ? { kind: "char" as const, code: p.codeAt(p.pos++) } : classItem(p, opts);
    // `\E` and an empty `\Q\E` leave a following `]` the first character, a literal (measured)
    if (item === null) continue;
    if (item.kind === "char" && item.code === -1) {
      quote = true;
      continue;
    }
    first = false;
    if (item.kind === "set") {
      // PCRE 8 reads [\d-z] as \d, '-', 'z'; PCRE2 rejects a range from a class.
      if (p.pcre2 && p.peek() === 0x2d && p.peek(1) !== 0x5d && p.pos + 1 < p.src.length)
        p.fail("invalid range in character class", p.pos + 1);
      setAddAll(set, item.set);
      continue;
    }
    const [lo, hi] = rangeOrChar(p, opts, lits, item.code, quote);
    for (let b = lo; b <= Math.min(hi, 0xff); b++) lits[b] = 1;
    if (hi > 0xff) wide.push([lo, hi]);
  }
  if (wide.length > 0) setAddAll(lits, withWideRanges(emptySet(), wide));
  setAddAll(set, opts.i ? p.tables.fold(lits) : lits);
  return negate ? setNot(set) : set;
}

/** After a single char: a `-x` range, or just the char; returns the range to add. */
function rangeOrChar(p: Parser, opts: Options, set: ByteSet, lo: number, quote: boolean): [number, number] {
  if (quote || p.peek() !== 0x2d || p.pos + 1 >= p.src.length || p.peek(1) === 0x5d) return [lo, lo];
  const dash = p.pos;
  p.pos++;
  let hi: number;
  if (p.peek() === 0x5b && posixEnd(p.src, p.pos) >= 0) p.fail("invalid range in character class", p.pos + 1);
  if (p.peek() === 0x5c) {
    if (p.src.startsWith("\\Q", p.pos) || p.src.startsWith("\\E", p.pos)) {
      // A range ending in \Q…: PCRE treats the '-' as literal here; keep it simple and literal.
      set[0x2d] = 1;
      return [lo, lo];
    }
    const e = p.escape(true, opts);
    if (e.kind !== "char") p.fail("invalid range in character class", p.pos - 1);
    hi = e.code;
  } else hi = p.codeAt(p.pos++);
  if (hi < lo) p.fail("range out of order in character class", p.pos - 1, true);
  void dash;
  return [lo, hi];
}

/** One class member: a char, a set (escape class or POSIX), null for nothing; code -1 = start \Q. */
function classItem(p: Parser, opts: Options): Item {
  const c = p.peek();
  if (c === 0x5b) {
    const end = posixEnd(p.src, p.pos);
    if (end >= 0) return { kind: "set", set: posixClass(p, end, opts) };
  }
  if (c !== 0x5c) {
    return { kind: "char", code: p.codeAt(p.pos++) };
  }
  const e = p.escape(true, opts);
  switch (e.kind) {
    case "char":
      return e;
    case "class":
      return { kind: "set", set: e.set };
    case "quote":
      return { kind: "char", code: -1 };
    case "ignore":
      return null;
    default:
      // Backreferences and assertions cannot occur in a class (escape(true) never returns them).
      return null;
  }
}

/**
 * `[:name:]`; under (?i) PCRE turns `upper` and `lower` into `alpha`, but for PCRE2 under
 * (*UCP), where they stay \p{Lu} and \p{Ll} (measured).
 */
function posixClass(p: Parser, end: number, opts: Options): ByteSet {
  const term = p.src[p.pos + 1];
  if (term !== ":") p.fail("POSIX collating elements are not supported", p.pos);
  let name = p.src.slice(p.pos + 2, end);
  const negate = name.startsWith("^");
  if (negate) name = name.slice(1);
  if (!(name in POSIX_CLASSES)) p.fail("unknown POSIX class name", p.pos + 2);
  const folds = opts.i && (name === "upper" || name === "lower") && !(p.pcre2 && p.ucp);
  const set = p.tables.posix[folds ? "alpha" : name];
  p.pos = end + 2;
  if (!set) {
    p.unsupportedHere(`[:${name}:] under (*UCP) in UTF-8 mode`);
    return emptySet();
  }
  return negate ? setNot(set) : set;
}
