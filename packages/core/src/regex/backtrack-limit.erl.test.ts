/**
 * The match limit (issue 16): re:run gives up after 10,000,000 calls of PCRE's match() at
 * one start position and EMQX takes the error as nomatch. The vectors are the first subject
 * lengths at which re:run (OTP 25) reports `{error, match_limit}` (measured with
 * `re:run(S, MP, [report_errors])` for n = 1..70, subject = n × char + tail); the matcher
 * must hit its limit at the same length (one byte later for `(\w+\s?)*$`).
 */
import { describe, expect, it } from "vitest";
import { backtrackProgram, searchBytes } from "./backtrack";
import { compileErlangRegex } from "./compile";
import { erlDecide } from "./erl-oracle";
import { parseRegex } from "./parse";

/** [pattern, repeated char, tail, first n where re:run hits the limit, our allowance]. */
const FLIPS: [string, string, string, number, number][] = [
  ["(a+)+$", "a", "b", 22, 0],
  ["(a|a)*$", "a", "b", 21, 0],
  ["(a|aa)*c|$", "a", "b", 30, 0],
  ["(?:a|a)*$", "a", "b", 21, 0],
  ["(a*)*$", "a", "b", 21, 0],
  ["(x+x+)+y|$", "x", "z", 22, 0],
  ["(\\w+\\s?)*$", "a", "!", 21, 1],
  ["((a+)+)\\2$", "a", "b", 22, 0],
  ["(?>a|a)*(a|a)*$", "a", "b", 20, 0],
  ["(a(?=a)|a)*$", "a", "b", 21, 0],
  ["(?:a(*THEN)|a)*$", "a", "b", 21, 0],
  ["(a|a)*?$", "a", "b", 21, 0],
  ["(a{1,2}){1,}$", "a", "b", 30, 0],
  ["(?:a|a){0,40}$", "a", "b", 21, 0],
  // a lowered limit (measured the same way)
  ["(*LIMIT_MATCH=100000)(a|a)*$", "a", "b", 14, 0],
  ["(*LIMIT_MATCH=1000)(a+)+$", "a", "b", 8, 0],
];

describe("the match limit against re:run", () => {
  it.each(FLIPS)(
    "%s on n × %s + %s: the limit is first hit where re:run hits it (n = %i)",
    (pattern, c, tail, n, slack) => {
      const prog = backtrackProgram(parseRegex(pattern));
      if ("unsupported" in prog) throw new Error(prog.unsupported);
      expect(searchBytes(prog, c.repeat(n - 1) + tail)).not.toBe("limit");
      expect(searchBytes(prog, c.repeat(n + slack) + tail)).toBe("limit");
    },
    30_000,
  );

  it("gives EMQX's answer on both sides of the limit, where erl says so too", () => {
    // no DFA for these (atomic group, verb): compileErlangRegex runs the backtracking matcher
    const cases = [
      { pattern: "(?>a|a)*(a|a)*$", subjects: ["a".repeat(19) + "b", "a".repeat(20) + "b"] },
      { pattern: "(?:a(*THEN)|a)*$", subjects: ["a".repeat(20) + "b", "a".repeat(21) + "b"] },
    ];
    const erl = erlDecide(cases);
    expect(erl).toEqual([
      { kind: "ok", matches: [true, false] },
      { kind: "ok", matches: [true, false] },
    ]);
    for (const { pattern, subjects } of cases) {
      const r = compileErlangRegex(pattern);
      if (r.kind !== "ok") throw new Error(r.kind);
      expect(subjects.map((s) => r.test(s))).toEqual([true, false]);
    }
  }, 60_000);

  it("stays bounded on long subjects: 64 KB against a catastrophic backreference pattern", () => {
    const r = compileErlangRegex("^((a+)+)\\2$");
    if (r.kind !== "ok") throw new Error(r.kind);
    const t0 = Date.now();
    expect(r.test("a".repeat(65536) + "b")).toBe(false);
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 30_000);
});
