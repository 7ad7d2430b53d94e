import { describe, expect, it } from "vitest";
import { dfaAccepts, dfaIntersect, dfaIsEmpty, type Dfa } from "./dfa";
import { dfaForcedPrefix, dfaFromStrings, dfaIntersects, dfaMatchSorted } from "./dfa-scan";
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
    }
  });
});
