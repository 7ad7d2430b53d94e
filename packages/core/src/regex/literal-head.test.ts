import { describe, expect, it } from "vitest";
import { compileErlangRegex } from "./compile";
import { dfaAccepts, dfaSubsetOf, type Dfa } from "./dfa";
import { literalHead } from "./literal-head";
import { parseRegex } from "./parse";
import { regexToDfa } from "./regex-dfa";
import { genPattern, genSubjects, rng } from "./regex-gen";

describe("literal heads (^user12-… patterns share the tail's construction)", () => {
  it("factors only `^` + bytes + a tail that never looks behind", () => {
    const head = (p: string) => literalHead(parseRegex(p, "pcre1-latin1").root)?.head.length ?? null;
    expect(head("^user12-[0-9]+$")).toBe(7);
    expect(head("^ab\\bc")).toBe(null);
    expect(head("^ab|c")).toBe(null);
    expect(head("^a(?=b)")).toBe(null);
    expect(head("(?i)^ab")).toBe(null);
  });
  it("gives the language of the unfactored construction and of Erlang's matcher (property)", () => {
    const r = rng(99);
    let factored = 0;
    for (let i = 0; i < 400; i++) {
      const lit = ["a", "ab", "x-1", "\\.", "é"][i % 5];
      const p = `^${lit}${genPattern(r, { backtrackingControl: false })}`;
      const d = regexToDfa(p);
      const plain = regexToDfa(`(?:${p})`); // a group at the root: never factored
      if ("unsupported" in d || "unsupported" in plain) continue;
      if (literalHead(parseRegex(p, "pcre1-latin1").root)) factored++;
      expect(dfaSubsetOf(d, plain as Dfa) && dfaSubsetOf(plain as Dfa, d), p).toBe(true);
      const erl = compileErlangRegex(p);
      if (erl.kind !== "ok") continue;
      for (const s of genSubjects(r, p, 25)) expect(dfaAccepts(d, s), `${p} on ${JSON.stringify(s)}`).toBe(erl.test(s));
    }
    expect(factored).toBeGreaterThan(100);
  });
});

describe("the regex DFA cache", () => {
  it("holds every pattern of a large file: the 3,000 per-user patterns of the 100k fleet file each compile once", () => {
    const patterns = Array.from({ length: 3_000 }, (_, i) => `^cache-user${i}-[0-9]+$`);
    const first = patterns.map((p) => regexToDfa(p));
    // a second pass (lint rules and the engine after the analysis) gets the same objects back
    expect(patterns.every((p, i) => regexToDfa(p) === first[i])).toBe(true);
  });
});
