/**
 * `\p{Name}` as a set: the code points PCRE 8's own tables give the property (pcre-ucd.ts).
 * Without UTF-8 mode PCRE tests the byte's value as a code point (Latin-1), caseless or not
 * (measured on OTP 25: property.vectors.jsonl); in UTF-8 mode the members above U+00FF come
 * along as explicit ranges, which the byte DFAs and the backtracking matcher both follow.
 */
import { emptySet, withWideRanges, type ByteSet, type RegexFlavor } from "./byte-set";
import { pcreProperty, type CodeRanges } from "./pcre-ucd";

/** The set of code points `ranges` holds: its bytes, and in UTF-8 mode its members above U+00FF. */
function codeRangesSet(ranges: CodeRanges, utf: boolean): ByteSet {
  const set = emptySet();
  for (const [lo, hi] of ranges) for (let c = lo; c <= Math.min(hi, 0xff); c++) set[c] = 1;
  return utf ? withWideRanges(set, ranges) : set;
}

/** The set `\p{name}` matches, or null when PCRE knows no such property. */
export function propertySet(name: string, utf: boolean, flavor: RegexFlavor = "pcre1-latin1"): ByteSet | null {
  const ranges = pcreProperty(name, flavor);
  return ranges === null ? null : codeRangesSet(ranges, utf);
}
