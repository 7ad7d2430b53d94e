/**
 * A UTF-8 mode pattern (sets over code points) rewritten as a pattern over the subject's
 * bytes, for the byte DFAs: every set becomes the UTF-8 encodings of its characters. Exact
 * for subjects that are UTF-8 (intersect the result with `utf8Dfa()`; re:run raises badarg
 * on any other subject). Sets with many ranges above U+00FF (`\p{L}`, the (*UCP) classes)
 * and `\b` (its word characters are not single bytes) are not rewritten: NotRegular.
 */
import type { RegexNode } from "./ast";
import { emptySet, setOf, wideRangesOf, type ByteSet } from "./byte-set";
import { utfMinLoop } from "./emit-js";
import { NotRegular } from "./nfa";
import { isAllWide, utf8Sequences } from "./wide-ranges";

const set = (s: ByteSet): RegexNode => ({ type: "set", set: s });
const seq = (...items: ByteSet[]): RegexNode => ({ type: "seq", items: items.map(set) });
const CONT = setOf([0x80, 0xbf]);

/** The UTF-8 forms of U+0100..U+10FFFF (RFC 3629 table 3-7, two-byte leads from C4). */
const WIDE: RegexNode[] = [
  seq(setOf([0xc4, 0xdf]), CONT),
  seq(setOf(0xe0), setOf([0xa0, 0xbf]), CONT),
  seq(setOf([0xe1, 0xec], [0xee, 0xef]), CONT, CONT),
  seq(setOf(0xed), setOf([0x80, 0x9f]), CONT),
  seq(setOf(0xf0), setOf([0x90, 0xbf]), CONT, CONT),
  seq(setOf([0xf1, 0xf3]), CONT, CONT, CONT),
  seq(setOf(0xf4), setOf([0x80, 0x8f]), CONT, CONT),
];

/**
 * Sets with more ranges above U+00FF than this stay with the backtracking matcher: as byte
 * DFAs \p{L} (~530 ranges) took ~3 s, \p{Lu} ~0.2 s, and a (*UCP) pattern with a few
 * classes of ~50 ranges each (`[^\d\s]` beside `\d`) up to 2 s, for every DFA built.
 */
const MAX_WIDE_RANGES = 16;

/** One character of the code-point set, as bytes. */
function charNode(s: ByteSet): RegexNode {
  const wide = wideRangesOf(s);
  if (wide.length > MAX_WIDE_RANGES) throw new NotRegular("a large Unicode class in UTF-8 mode");
  const alts: RegexNode[] = [];
  const ascii = emptySet();
  for (let b = 0; b < 0x80; b++) ascii[b] = s[b];
  alts.push(set(ascii));
  for (const lead of [0xc2, 0xc3]) {
    const tail = emptySet();
    for (let x = 0x80; x <= 0xbf; x++) if (s[((lead & 0x1f) << 6) | (x & 0x3f)]) tail[x] = 1;
    if (tail.some((v) => v === 1)) alts.push(seq(setOf(lead), tail));
  }
  if (isAllWide(wide)) alts.push(...WIDE);
  else
    for (const [lo, hi] of wide)
      for (const bytes of utf8Sequences(lo, hi)) alts.push(seq(...bytes.map((r) => setOf(r))));
  return alts.length === 1 ? alts[0] : { type: "alt", alts };
}

/** The byte-level pattern of a UTF-8 mode pattern's tree. */
export function utf8ByteNodes(n: RegexNode): RegexNode {
  switch (n.type) {
    case "set":
      return charNode(n.set);
    case "seq":
      return { type: "seq", items: n.items.map(utf8ByteNodes) };
    case "alt":
      return { type: "alt", alts: n.alts.map(utf8ByteNodes) };
    case "repeat": {
      const split = utfMinLoop(n);
      return split ? utf8ByteNodes(split) : { ...n, body: utf8ByteNodes(n.body) };
    }
    case "assert":
      if (n.kind === "word-boundary" || n.kind === "not-word-boundary") throw new NotRegular("\\b in UTF-8 mode");
      return n;
    case "backref":
    case "verb":
    case "call":
    case "cluster":
      return n;
    case "cond":
      return { ...n, yes: utf8ByteNodes(n.yes), no: n.no && utf8ByteNodes(n.no) };
    default:
      return { ...n, body: utf8ByteNodes(n.body) };
  }
}
