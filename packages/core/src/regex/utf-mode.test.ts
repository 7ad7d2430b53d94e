/**
 * Leading option items — `(*UTF8)`, `(*UTF)`, `(*UCP)`, `(*NO_START_OPT)` … — against
 * re:run/2's own answers on OTP 25 (scripts/regen.erl). A subject that is not UTF-8 makes
 * re:run raise badarg under (*UTF8): no match. What is still unsupported must stay rare.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileErlangRegex } from "./compile";
import { dfaAccepts } from "./dfa";
import { regexToDfa } from "./regex-dfa";

const [head, ...rows] = readFileSync(new URL("./utf-mode.vectors.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => JSON.parse(l));
const subjects: string[] = head.subjects;
const cases = rows as { pattern: string; compiles: boolean; results?: (0 | 1 | "badarg")[] }[];

describe("UTF-8 and UCP modes (re:run on OTP 25)", () => {
  it(`agrees on ${cases.length} patterns × ${subjects.length} subjects`, () => {
    const wrong: string[] = [];
    let unsupported = 0;
    for (const c of cases) {
      const r = compileErlangRegex(c.pattern);
      if (!c.compiles) {
        if (r.kind !== "invalid") wrong.push(`${JSON.stringify(c.pattern)}: re:compile refuses it, ours ${r.kind}`);
        continue;
      }
      if (r.kind === "invalid") wrong.push(`${JSON.stringify(c.pattern)}: ours invalid (${r.message})`);
      if (r.kind !== "ok") {
        unsupported++;
        continue;
      }
      subjects.forEach((s, i) => {
        const want = c.results![i] === 1;
        if (r.test(s) !== want)
          wrong.push(`${JSON.stringify(c.pattern)} on ${JSON.stringify(s)}: erl ${c.results![i]}`);
      });
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    // the rest: \h \v \R and (*UCP) classes in UTF-8 mode (wide characters and case folding: issue #17)
    expect(unsupported).toBeLessThan(cases.filter((c) => c.compiles).length / 3);
  });
  it("answers the fuzz campaign's patterns", () => {
    for (const p of ["(*UTF8)^.$", "(*UCP)^\\w+$", "(*UTF)^[^a]$", "(*NO_START_OPT)(*UTF8)^.$"])
      expect(compileErlangRegex(p).kind, p).toBe("ok");
    const dot = compileErlangRegex("(*UTF8)^.$");
    if (dot.kind === "ok") {
      expect(dot.test("\xc3\xa9")).toBe(true);
      expect(dot.test("c1")).toBe(false);
    }
    // V8's v flag matches `[^]{2}` on one character: the any-character class is spelled out
    const two = compileErlangRegex("(*UTF8)^(?s).{2}$");
    expect(two.kind === "ok" && two.test("c1") && !two.test("c")).toBe(true);
  });
  it("the byte DFAs of the analysis agree too, where they are built", () => {
    const wrong: string[] = [];
    let built = 0;
    for (const c of cases) {
      if (!c.compiles) continue;
      const d = regexToDfa(c.pattern);
      if ("unsupported" in d) continue;
      built++;
      subjects.forEach((s, i) => {
        if (dfaAccepts(d, s) !== (c.results![i] === 1))
          wrong.push(`${JSON.stringify(c.pattern)} on ${JSON.stringify(s)}: erl ${c.results![i]}`);
      });
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(built).toBeGreaterThan(cases.length / 3);
  });
});
