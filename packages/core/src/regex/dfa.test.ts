import { describe, expect, it } from "vitest";
import { compileErlangRegex } from "./compile";
import {
  dfaAccepts,
  dfaAnyString,
  dfaComplement,
  dfaFromLiteral,
  dfaIntersect,
  dfaIsEmpty,
  dfaSubsetOf,
  dfaUnion,
  dfaWitness,
  type Dfa,
} from "./dfa";
import { isUtf8, utf8Dfa } from "./utf8-dfa";
import { regexToDfa } from "./regex-dfa";
import { genPattern, genSubjects, rng } from "./regex-gen";

const dfa = (p: string): Dfa => {
  const d = regexToDfa(p);
  if ("unsupported" in d) throw new Error(`${p}: ${d.unsupported}`);
  return d;
};

describe("regexToDfa", () => {
  it("is the language of an unanchored search", () => {
    const d = dfa("admin");
    expect(dfaAccepts(d, "xadminx")).toBe(true);
    expect(dfaAccepts(d, "admi")).toBe(false);
    expect(dfa("admin").stateCount).toBe(6);
  });
  it("handles $ before a final newline, \\z, ^, (?m) and \\b", () => {
    expect(dfaAccepts(dfa("^dashboard$"), "dashboard\n")).toBe(true);
    expect(dfaAccepts(dfa("^dashboard$"), "dashboard\nx")).toBe(false);
    expect(dfaAccepts(dfa("^dashboard\\z"), "dashboard\n")).toBe(false);
    expect(dfaAccepts(dfa("(?m)^b$"), "a\nb\nc")).toBe(true);
    expect(dfaAccepts(dfa("\\bfoo\\b"), "a foo.")).toBe(true);
    expect(dfaAccepts(dfa("\\bfoo\\b"), "afoo")).toBe(false);
    expect(dfaAccepts(dfa("\\bfoo\\b"), "\xe9foo")).toBe(false);
  });
  it("refuses what is not regular or depends on backtracking order, with a reason", () => {
    expect(regexToDfa("(a)\\1")).toEqual({ unsupported: "backreference (not a regular language)" });
    expect(regexToDfa("(?<=a)b")).toEqual({ unsupported: "lookbehind assertion" });
    expect(regexToDfa("(?>a*)a")).toHaveProperty("unsupported");
    expect(regexToDfa("(")).toEqual({ unsupported: "invalid pattern: missing )" });
    expect(regexToDfa("[ab]{1000}[cd]{1000}", 100)).toEqual({ unsupported: "too large" });
  });
  it("agrees with compileErlangRegex on generated patterns and subjects (property)", () => {
    const r = rng(2024);
    let checked = 0;
    const bad: string[] = [];
    for (let i = 0; i < 400; i++) {
      const p = genPattern(r, { backtrackingControl: false });
      const re = compileErlangRegex(p);
      const d = regexToDfa(p);
      if (re.kind !== "ok" || "unsupported" in d) {
        bad.push(`${JSON.stringify(p)}: ${re.kind} ${JSON.stringify(d).slice(0, 80)}`);
        continue;
      }
      for (const s of genSubjects(r, p, 30)) {
        checked++;
        if (dfaAccepts(d, s) !== re.test(s)) bad.push(`${JSON.stringify(p)} on ${JSON.stringify(s)}`);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(10000);
  });
});

describe("regexToDfa with leading lookaheads", () => {
  it("handles ^(?!…) and ^(?=…) exactly", () => {
    const d = dfa("^(?!admin$).*");
    expect(dfaAccepts(d, "admin")).toBe(false);
    expect(dfaAccepts(d, "admin\n")).toBe(false);
    expect(dfaAccepts(d, "admin2")).toBe(true);
    expect(dfaWitness(dfaIntersect(dfa("^(?=.*\\d)(?=.*[a-z])\\w{4}$"), dfa("^a")))).toBe("aaa0");
    const ab = dfa("a(?!b)");
    expect([dfaAccepts(ab, "a"), dfaAccepts(ab, "ab"), dfaAccepts(ab, "aba"), dfaAccepts(ab, "abb")]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
  it("agrees with compileErlangRegex (property)", () => {
    const r = rng(77);
    const bad: string[] = [];
    let checked = 0;
    for (let i = 0; i < 150; i++) {
      const looks = Array.from(
        { length: 1 + Math.floor(r() * 2) },
        () => `(?${r() < 0.5 ? "=" : "!"}${genPattern(r, { backtrackingControl: false })})`,
      );
      const p = "^" + looks.join("") + genPattern(r, { backtrackingControl: false });
      const re = compileErlangRegex(p);
      const d = regexToDfa(p);
      if (re.kind !== "ok" || "unsupported" in d) continue;
      for (const s of genSubjects(r, p, 25)) {
        checked++;
        if (dfaAccepts(d, s) !== re.test(s)) bad.push(`${JSON.stringify(p)} on ${JSON.stringify(s)}`);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
  });
});

describe("DFA algebra", () => {
  const a = dfa("^a+$");
  const b = dfa("^[a-c]{2}$");
  it("intersects, unites and complements", () => {
    const i = dfaIntersect(a, b);
    expect(dfaAccepts(i, "aa")).toBe(true);
    expect(dfaAccepts(i, "ab")).toBe(false);
    const u = dfaUnion(a, b);
    expect(dfaAccepts(u, "aaa")).toBe(true);
    expect(dfaAccepts(u, "cb")).toBe(true);
    expect(dfaAccepts(u, "cbc")).toBe(false);
    expect(dfaAccepts(dfaComplement(a), "b")).toBe(true);
    expect(dfaAccepts(dfaComplement(a), "a")).toBe(false);
  });
  it("decides emptiness and containment", () => {
    expect(dfaIsEmpty(dfaIntersect(dfa("^a"), dfa("^b")))).toBe(true);
    expect(dfaIsEmpty(dfaIntersect(dfa("^a"), dfa("b$")))).toBe(false);
    expect(dfaSubsetOf(dfa("^admin$"), dfa("admin"))).toBe(true);
    expect(dfaSubsetOf(dfa("admin"), dfa("^admin$"))).toBe(false);
    expect(dfaSubsetOf(dfaFromLiteral("root"), dfa("^ro+t$"))).toBe(true);
    expect(dfaIsEmpty(dfaComplement(dfaAnyString()))).toBe(true);
  });
  it("gives short printable witnesses", () => {
    expect(dfaWitness(dfa("^[0-9]{3}-x$"))).toBe("000-x");
    expect(dfaWitness(dfa("^\\w+@\\w+$"))).toBe("a@a");
    expect(dfaWitness(dfaIntersect(dfa("^a"), dfa("^b")))).toBeNull();
    const w = dfaWitness(dfaIntersect(dfa("(?i)^root"), dfaComplement(dfa("^root"))));
    expect(w).toBe("rooT"); // shortest, then lexicographically least by preference (lowercase first)
  });
  it("literal DFAs accept exactly their string", () => {
    const l = dfaFromLiteral("a\xffb");
    expect(dfaAccepts(l, "a\xffb")).toBe(true);
    expect(dfaAccepts(l, "a\xffbb")).toBe(false);
    expect(dfaAccepts(dfaFromLiteral(""), "")).toBe(true);
  });
});

describe("dfaMinimize", () => {
  /** Reference: Moore's refinement until stable (quadratic, fine for tests). */
  const mooreBlocks = (d: Dfa): number => {
    let block = Array.from(d.accepting, Number);
    let count = -1;
    for (;;) {
      const ids = new Map<string, number>();
      block = block.map((b, q) => {
        const key =
          b + ":" + Array.from({ length: d.classCount }, (_, c) => block[d.trans[q * d.classCount + c]]).join(",");
        if (!ids.has(key)) ids.set(key, ids.size);
        return ids.get(key)!;
      });
      if (ids.size === count) return count;
      count = ids.size;
    }
  };
  it("yields as many states as Moore's reference minimisation, and the same language", () => {
    const r = rng(11);
    let n = 0;
    for (let i = 0; i < 80; i++) {
      const p = genPattern(r, { backtrackingControl: false });
      const d = regexToDfa(p);
      if ("unsupported" in d) continue;
      n++;
      expect(mooreBlocks(d), p).toBe(d.stateCount);
      const u = dfaUnion(d, dfa("^x"));
      expect(mooreBlocks(u), p).toBe(u.stateCount);
      for (const s of genSubjects(r, p, 10)) expect(dfaAccepts(u, s)).toBe(dfaAccepts(d, s) || s.startsWith("x"));
    }
    expect(n).toBeGreaterThan(60);
  });
});

describe("UTF-8 witnesses", () => {
  const bytes = (s: string) => Buffer.from(s, "utf8").toString("latin1");
  it("utf8Dfa is exactly the byte strings that decode losslessly (as Erlang's <<_/utf8>>)", () => {
    const r = rng(7);
    const pick = [
      0x00, 0x41, 0x7f, 0x80, 0x8f, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5,
      0xff,
    ];
    for (let i = 0; i < 20000; i++) {
      const s = Array.from({ length: 1 + Math.floor(r() * 4) }, () =>
        String.fromCharCode(pick[Math.floor(r() * pick.length)]),
      ).join("");
      const lossless = Buffer.from(Buffer.from(s, "latin1").toString("utf8"), "utf8").toString("latin1") === s;
      expect(dfaAccepts(utf8Dfa(), s), JSON.stringify(s)).toBe(lossless);
      expect(isUtf8(s)).toBe(lossless);
    }
  });
  it("prefers a UTF-8 member, spelled characters first; raw bytes only when there is none", () => {
    const cyr = dfa(bytes("^[а-я]+$"));
    expect(dfaWitness(cyr, [bytes("а"), bytes("я")])).toBe(bytes("а"));
    expect(isUtf8(dfaWitness(cyr)!)).toBe(true);
    expect(dfaWitness(dfa("^[\\x80-\\xff]{2}$"))).toBe("\xc2\x80");
    expect(dfaWitness(dfa("^[\\x80-\\xff]$"))).toBe("\x80");
    expect(dfaWitness(dfa("^a|b"))).toBe("a");
  });
});
