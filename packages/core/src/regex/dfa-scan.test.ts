import { describe, expect, it } from "vitest";
import { dfaAccepts, dfaComplement, dfaIntersect, dfaIsEmpty, type Dfa } from "./dfa";
import { dfaForcedPrefix, dfaFromStrings, dfaIntersects, dfaMatchSorted, dfaWitnessAvoiding } from "./dfa-scan";
import { regexToDfa } from "./regex-dfa";
import { genPattern, genSubjects, rng } from "./regex-gen";

const dfa = (p: string): Dfa => {
  const d = regexToDfa(p);
  if ("unsupported" in d) throw new Error(`${p}: ${d.unsupported}`);
  return d;
};

describe("dfaForcedPrefix", () => {
  it("is the literal prefix an anchored pattern forces", () => {
    expect(dfaForcedPrefix(dfa("^user12-[0-9]+$"))).toBe("user12-");
    expect(dfaForcedPrefix(dfa("^(ab|ac)d"))).toBe("a");
    expect(dfaForcedPrefix(dfa("^abc"))).toBe("abc");
    expect(dfaForcedPrefix(dfa("^(?i)ab"))).toBe("");
    expect(dfaForcedPrefix(dfa("user"))).toBe("");
    expect(dfaForcedPrefix(dfa("^a$b"))).toBe("");
  });
  it("witnesses avoid a literal set through the trie", () => {
    expect(dfaWitnessAvoiding(dfa("^a[0-9]$"), ["a0", "a1", "a2"])).toBe("a3");
    expect(dfaWitnessAvoiding(dfa("^(a|b)\\z"), ["a", "b"])).toBe(null);
    expect(dfaWitnessAvoiding(dfa("^(a|b)$"), ["a", "b"])).toBe("a\n");
  });
});

describe("dfaIntersects / dfaMatchSorted / dfaFromStrings (property)", () => {
  it("agree with products and with running the DFA on every string", () => {
    const r = rng(7);
    const opts = { backtrackingControl: false };
    for (let i = 0; i < 150; i++) {
      const p = genPattern(r, opts);
      const q = genPattern(r, opts);
      const a = regexToDfa(p);
      const b = regexToDfa(q);
      if ("unsupported" in a || "unsupported" in b) continue;
      expect(dfaIntersects(a, b), `${p} ∩ ${q}`).toBe(!dfaIsEmpty(dfaIntersect(a, b)));
      const subjects = [...new Set([...genSubjects(r, p, 20), ...genSubjects(r, q, 20), "", "a", "ab", "ba"])].sort();
      const want = subjects.flatMap((s, k) => (dfaAccepts(a, s) ? [k] : []));
      expect(dfaMatchSorted(a, subjects), p).toEqual(want);
      const lit = dfaFromStrings(subjects.slice(0, 10));
      for (const s of subjects) expect(dfaAccepts(lit, s)).toBe(subjects.indexOf(s) < 10);
      // avoid: the first members (in BFS order) of the language, so the witness must look further
      const avoid = new Set(subjects.filter((s) => dfaAccepts(a, s)));
      const w = dfaWitnessAvoiding(a, avoid);
      if (w === null) expect(dfaIsEmpty(dfaIntersect(a, dfaComplement(dfaFromStrings(avoid)))), p).toBe(true);
      else {
        expect(typeof w).toBe("string");
        expect(dfaAccepts(a, w!), p).toBe(true);
        expect(avoid.has(w!), p).toBe(false);
      }
    }
  });
});
