import { describe, expect, it } from "vitest";
import { setNot, wideRangesOf } from "./byte-set";
import { dfaAccepts, dfaComplement, dfaIntersect, dfaIsEmpty, dfaWitness, type Dfa } from "./dfa";
import { charSet, parseRegex } from "./parse";
import { regexToDfa } from "./regex-dfa";
import { decodeUtf8 } from "./start-options";
import { isUtf8 } from "./utf8-dfa";
import { complementRanges, inRanges, normalizeRanges, utf8Encode, utf8Sequences } from "./wide-ranges";

const bytes = (c: number) => String.fromCharCode(...utf8Encode(c));

describe("wide code point ranges (UTF-8 mode)", () => {
  it("normalizes and complements", () => {
    expect(
      normalizeRanges([
        [0x500, 0x600],
        [0x41, 0x101],
        [0x601, 0x602],
        [0x550, 0x560],
      ]),
    ).toEqual([
      [0x100, 0x101],
      [0x500, 0x602],
    ]);
    expect(
      complementRanges([
        [0x100, 0x101],
        [0x500, 0x602],
      ]),
    ).toEqual([
      [0x102, 0x4ff],
      [0x603, 0x10ffff],
    ]);
    expect(complementRanges([])).toEqual([[0x100, 0x10ffff]]);
    expect(
      inRanges(
        [
          [0x100, 0x101],
          [0x500, 0x602],
        ],
        0x501,
      ),
    ).toBe(true);
    expect(
      inRanges(
        [
          [0x100, 0x101],
          [0x500, 0x602],
        ],
        0x102,
      ),
    ).toBe(false);
  });

  it("utf8Sequences covers exactly the encodings of the range, surrogates left out", () => {
    const ranges: [number, number][] = [
      [0x100, 0x10ffff],
      [0x7f0, 0x812],
      [0xd7f0, 0xe010],
      [0xfff0, 0x10040],
      [0x3ffff, 0x40001],
      [0x400, 0x4ff],
      [0x1f600, 0x1f64f],
    ];
    for (const [lo, hi] of ranges) {
      const seqs = utf8Sequences(lo, hi);
      const size = seqs.reduce((n, s) => n + s.reduce((m, [a, b]) => m * (b - a + 1), 1), 0);
      const surrogates = Math.max(0, Math.min(hi, 0xdfff) - Math.max(lo, 0xd800) + 1);
      expect(size, `${lo}-${hi}`).toBe(hi - lo + 1 - surrogates);
      const covered = (c: number) =>
        seqs.filter((s) => {
          const e = utf8Encode(c);
          return s.length === e.length && s.every(([a, b], i) => a <= e[i] && e[i] <= b);
        }).length;
      for (const c of [lo, hi, lo + 1, hi - 1, (lo + hi) >> 1])
        expect(covered(c), c.toString(16)).toBe(c >= 0xd800 && c <= 0xdfff ? 0 : 1);
      if (hi - lo < 0x200) for (let c = lo; c <= hi; c++) expect(covered(c)).toBe(c >= 0xd800 && c <= 0xdfff ? 0 : 1);
    }
  });

  it("sets carry their ranges through complement", () => {
    const s = charSet(0x400);
    expect(wideRangesOf(s)).toEqual([[0x400, 0x400]]);
    expect(wideRangesOf(setNot(s))).toEqual([
      [0x100, 0x3ff],
      [0x401, 0x10ffff],
    ]);
    expect(wideRangesOf(setNot(setNot(s)))).toEqual([[0x400, 0x400]]);
  });

  it("parses wide characters without unsupported constructs", () => {
    for (const p of ["(*UTF8)\\x{400}", "(*UTF8)[^\\x{400}-\\x{4ff}]", "(*UTF8)\\o{2000}", "(*UTF8)\\777"])
      expect(parseRegex(p).unsupported, p).toEqual([]);
  });

  it("DFA witnesses of wide-character patterns are UTF-8 text in the class", () => {
    const dfa = (p: string): Dfa => {
      const d = regexToDfa(p);
      if ("unsupported" in d) throw new Error(d.unsupported);
      return d;
    };
    const d = dfa("(*UTF8)^[\\x{400}-\\x{4ff}]{2}$");
    const w = dfaWitness(d)!;
    expect(isUtf8(w)).toBe(true);
    const cps = decodeUtf8(w) as number[];
    expect(cps.length).toBe(2);
    expect(cps.every((c) => c >= 0x400 && c <= 0x4ff)).toBe(true);
    // a subject avoiding U+0400 matches [^\x{400}] and not \x{400}
    const not = dfa("(*UTF8)^[^\\x{400}]$");
    const w2 = dfaWitness(dfaIntersect(not, dfaComplement(dfa("(*UTF8)^[\\x00-\\x{ff}]$"))))!;
    expect(isUtf8(w2) && (decodeUtf8(w2) as number[])[0] > 0xff && w2 !== bytes(0x400)).toBe(true);
    expect(dfaAccepts(not, bytes(0x400))).toBe(false);
    expect(dfaAccepts(not, bytes(0x10ffff))).toBe(true);
    // [^\x{400}] and \x{400} split the one-character subjects
    expect(dfaIsEmpty(dfaIntersect(not, dfa("(*UTF8)^\\x{400}$")))).toBe(true);
  });
});
