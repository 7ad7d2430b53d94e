/**
 * The backtracking matcher's own properties (erl-free): iterative over long subjects and
 * deep patterns, its verdict kinds, and the step limit.
 */
import { describe, expect, it } from "vitest";
import { backtrackProgram, searchBytes } from "./backtrack";
import { parseRegex } from "./parse";

const prog = (pattern: string) => {
  const p = backtrackProgram(parseRegex(pattern));
  if ("unsupported" in p) throw new Error(p.unsupported);
  return p;
};

describe("backtracking matcher", () => {
  it("runs 64 KB subjects with a choice per byte (no JS recursion)", () => {
    const p = prog("^(a|b)*\\1$");
    expect(searchBytes(p, "ab".repeat(32768) + "b")).toBe("match");
    expect(searchBytes(p, "ab".repeat(32768) + "a")).toBe("nomatch");
  });
  it("runs 200 nested repeated groups", () => {
    const p = prog("(".repeat(200) + "a|b" + ")*".repeat(200) + "\\1$");
    expect(searchBytes(p, "ab".repeat(1000) + "b")).toBe("match");
    // nested stars over a long subject without a match are catastrophic (the limit), so: short
    const anchored = prog("^" + "(".repeat(200) + "a|b" + ")*".repeat(200) + "$");
    expect(searchBytes(anchored, "abba")).toBe("match");
    expect(searchBytes(anchored, "c")).toBe("nomatch");
  });
  it("reports the limit, and badarg for a subject that is not UTF-8 in UTF-8 mode", () => {
    expect(searchBytes(prog("(?>x?)(a|a)*$"), "a".repeat(30) + "b")).toBe("limit");
    expect(searchBytes(prog("(?>x?)(a|a)*$"), "a".repeat(14) + "b", 1e12)).toBe("match");
    expect(searchBytes(prog("(*UTF8)(?>a)."), "a\xc3\xa9")).toBe("match");
    expect(searchBytes(prog("(*UTF8)(?>a)."), "a\xc3")).toBe("error");
  });
  it("counts steps per start position, doubling per byte on (a|a)*$", () => {
    const steps = (n: number) => {
      const stats = { maxSteps: 0 };
      searchBytes(prog("(?>x?)(a|a)*$"), "a".repeat(n) + "b", 1e12, stats);
      return stats.maxSteps;
    };
    expect(steps(11) / steps(10)).toBeGreaterThan(1.9);
    expect(steps(11) / steps(10)).toBeLessThan(2.1);
  });
  it("reports re:run's recursion loop (same group, same position) as an error", () => {
    expect(searchBytes(prog("^(a(?1)?|b)$"), "aab")).toBe("match");
    // group 1 calls group 2 calls group 1 calls group 2 at the same position: re:run gives up
    // (nomatch even where a later start would match: "zxy", measured)
    expect(searchBytes(prog("(x|(?2))(y|(?1))"), "zxy")).toBe("error");
    expect(searchBytes(prog("(x|(?2))(y|(?1))"), "xy")).toBe("match");
  });
});
