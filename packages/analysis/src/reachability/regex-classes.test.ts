import { describe, expect, it } from "vitest";
import { lower, regexToDfa } from "@emqx-acl/core";
import { parseDocument } from "@emqx-acl/syntax";
import { compileByteRegex } from "./byte-regex";
import { buildDimensions } from "./identity";
import { conditionCubes } from "./partition";

/** Seeded PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)];

/** Overlapping patterns: shared forced prefixes, alternations, unanchored ones. */
function genPattern(r: () => number): string {
  const anchor = r() < 0.7 ? "^" : "";
  const head = pick(r, ["a", "ab", "abc", "b", "a-", "", "(a|b)", "(ab|a1)", "[ab]+", ".*"]);
  const body =
    Array.from({ length: Math.floor(r() * 3) }, () =>
      pick(r, ["[0-9]+", "(a|b)*", "x?", "-", "(1|22)", ".", "[ab]{1,2}", "c|a1", "[^a]"]),
    ).join("") + pick(r, ["", "", "1", "-a", "a1", "b-1"]);
  const end = r() < 0.6 ? "$" : "";
  return anchor + head + body + end;
}

function genString(r: () => number, max: number): string {
  return Array.from({ length: Math.floor(r() * (max + 1)) }, () =>
    pick(r, ["a", "b", "c", "1", "2", "-", "x", "\n"]),
  ).join("");
}

function ruleSet(r: () => number): { text: string; patterns: string[] } {
  const lines: string[] = [];
  const patterns: string[] = [];
  for (let i = 0, n = 2 + Math.floor(r() * 7); i < n; i++) {
    const p = genPattern(r);
    if ("unsupported" in regexToDfa(p)) continue;
    patterns.push(p);
    lines.push(`{allow, {username, {re, "${p}"}}, publish, ["t/${i}"]}.`);
  }
  for (let i = 0, n = Math.floor(r() * 10); i < n; i++) {
    const v = genString(r, 5).replace(/\n/g, "");
    lines.push(`{deny, {username, "${v}"}, publish, ["u/${i}"]}.`);
  }
  return { text: `${lines.join("\n")}\n`, patterns };
}

describe("regex classes (randomized against brute force)", () => {
  it("cubes are exact and classes are distinct, complete regions", () => {
    const r = rng(20261203);
    let checkedSets = 0;
    for (let round = 0; round < 250; round++) {
      const { text, patterns } = ruleSet(r);
      const rules = lower(parseDocument(text), "v5").ruleSet.rules;
      const dim = buildDimensions(rules, "v5").get("username");
      if (!dim) continue;
      expect(dim.incomplete, text).toBe(false);
      const tests = [...new Set(patterns)].map((p) => compileByteRegex(p)!);
      const vector = (v: string): string => tests.map((t) => (t.test(v) ? "1" : "0")).join("");
      const ctx = { dims: new Map([["username", dim]]), profile: "legacy" as const };
      for (const rule of rules) {
        const cubes = conditionCubes(rule.who, ctx);
        const got = new Set(cubes.flatMap((c) => [...(c.get("username") ?? [])]));
        const want = new Set<number>();
        dim.classes.forEach((cl, i) => {
          if (cl.value === null) return;
          const m = rule.who.kind === "username" ? rule.who.match : null;
          if (m?.kind === "re" ? compileByteRegex(m.pattern)!.test(cl.value) : m?.value === cl.value) want.add(i);
        });
        expect(
          [...got].sort((a, b) => a - b),
          `${text}\nrule ${rule.index}`,
        ).toEqual([...want].sort((a, b) => a - b));
        checkedSets++;
      }
      // non-literal classes: one per region, represented by no literal value
      const regions = new Map<string, string>();
      for (const cl of dim.classes.filter((c) => !c.literal)) {
        expect(dim.byValue.has(cl.value!), text).toBe(false);
        const vec = vector(cl.value!);
        expect(
          regions.has(vec),
          `${text}\n${JSON.stringify(cl.value)} and ${JSON.stringify(regions.get(vec))} share a region`,
        ).toBe(false);
        regions.set(vec, cl.value!);
      }
      // every region a sampled non-literal string lies in has a class
      for (let k = 0; k < 300; k++) {
        const s = genString(r, 6);
        if (dim.byValue.has(s)) continue;
        expect(regions.has(vector(s)), `${text}\n${JSON.stringify(s)} lies in a region without class`).toBe(true);
      }
    }
    expect(checkedSets).toBeGreaterThan(1000);
  });
});

describe("regex classes without DFA", () => {
  it("a backreference makes the dimension incomplete, its cube still exact on the classes there are", () => {
    const text = [
      '{allow, {username, {re, "^(a)\\\\1$"}}, publish, ["t"]}.',
      '{allow, {username, {re, "^a"}}, publish, ["t"]}.',
      '{deny, {username, "aa"}, publish, ["t"]}.',
    ].join("\n");
    const rules = lower(parseDocument(`${text}\n`), "v5").ruleSet.rules;
    const dim = buildDimensions(rules, "v5").get("username")!;
    expect(dim.incomplete).toBe(true);
    const back = compileByteRegex("^(a)\\1$")!;
    const got = [...dim.regexClasses!.get("^(a)\\1$")!].sort((a, b) => a - b);
    expect(got).toEqual(dim.classes.flatMap((c, i) => (c.value !== null && back.test(c.value) ? [i] : [])));
    expect(got.map((i) => dim.classes[i].value)).toContain("aa");
  });
});

describe("regex classes at scale", () => {
  it("thousands of suffix-anchored regexes: candidate pairs by forced suffix", () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`{allow, {username, {re, "^[a-z]+-${i}$"}}, all, ["t"]}.`);
    const rules = lower(parseDocument(`${lines.join("\n")}\n`), "v5").ruleSet.rules;
    const t0 = performance.now();
    const dim = buildDimensions(rules, "v5").get("username")!;
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(dim.incomplete).toBe(false);
    // "-1" is no suffix of "-11" (its last two bytes are "11"): all 3000 are pairwise disjoint
    const one = dim.regexClasses!.get("^[a-z]+-1$")!;
    const eleven = dim.regexClasses!.get("^[a-z]+-11$")!;
    expect([...one].filter((c) => eleven.has(c))).toHaveLength(0);
    expect(dim.classes.filter((c) => !c.literal)).toHaveLength(3001);
  });
  it("thousands of prefix-anchored regexes and literals: exact, one class per regex plus one", () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++)
      lines.push(`{allow, {username, {re, "^user${i}-[0-9]+$"}}, all, ["groups/\${username}/#"]}.`);
    for (let i = 0; i < 20000; i++)
      lines.push(`{allow, {username, "user${i}${i % 7 === 0 ? "-1" : ""}"}, publish, ["t"]}.`);
    const rules = lower(parseDocument(`${lines.join("\n")}\n`), "v5").ruleSet.rules;
    const t0 = performance.now();
    const dim = buildDimensions(rules, "v5").get("username")!;
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(dim.incomplete).toBe(false);
    expect(dim.classes.filter((c) => !c.literal)).toHaveLength(3001);
    const seven = dim.regexClasses!.get("^user7-[0-9]+$")!;
    expect([...seven].filter((i) => dim.classes[i].literal).map((i) => dim.classes[i].value)).toEqual(["user7-1"]);
    expect([...seven].filter((i) => !dim.classes[i].literal)).toHaveLength(1);
  });
});
