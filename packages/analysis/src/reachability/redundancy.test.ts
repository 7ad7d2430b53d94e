import { describe, expect, it } from "vitest";
import type { Dialect } from "@emqx-acl/core";
import { prng } from "../../../../test/support/prng";
import { rules } from "../testing/build-rules";
import { globalConflicts, globalRedundant, globalSpace } from "../testing/global-reference";
import { randomRules } from "../testing/random-rules";
import { ConflictFinder } from "./conflicts";
import { analyzeReachability, indexedSpace } from "./reachability";
import { RedundancyChecker } from "./redundancy";

const DIALECTS: Dialect[] = ["v4", "v5", "v6"];

describe("indexed redundancy and conflicts agree with the global-partition reference", () => {
  for (const dialect of DIALECTS)
    it(`on 200 random rule sets (${dialect})`, () => {
      const next = prng(0x5eed + dialect.charCodeAt(1));
      const seen = { redundant: 0, kept: 0, conflicts: 0 };
      for (let s = 0; s < 200; s++) {
        const rs = randomRules(next, dialect, 2 + Math.floor(next() * 6));
        const space = globalSpace(rs, dialect);
        // one space for reachability, redundancy and conflicts, interleaved (as lint shares it)
        const shared = indexedSpace(rs, dialect);
        const reach = analyzeReachability(rs, { dialect, shared });
        // rules reachability proved unreachable decide nothing, so they conflict with nothing
        const dead = new Set(reach.flatMap((r, i) => (r.status === "unreachable" ? [i] : [])));
        const checker = new RedundancyChecker(shared);
        const finder = new ConflictFinder(shared);
        rs.forEach((_, k) => {
          const want = globalRedundant(space, k);
          const got = checker.check(k);
          expect(got?.redundant ?? null, `set ${s} rule ${k + 1} redundant`).toBe(want);
          if (want) seen.redundant++;
          else seen.kept++;
          const conflicts = globalConflicts(space, k).filter((j) => !dead.has(j));
          expect(finder.find(k), `set ${s} rule ${k + 1} conflicts`).toEqual(conflicts);
          seen.conflicts += conflicts.length;
        });
        expect(analyzeReachability(rs, { dialect, shared })).toEqual(reach);
      }
      // the generator exercises both answers (a test that could not fail would prove nothing)
      expect(seen.redundant).toBeGreaterThan(20);
      expect(seen.kept).toBeGreaterThan(20);
      expect(seen.conflicts).toBeGreaterThan(20);
    });
});

describe("work budget", () => {
  const rs = rules(
    "v5",
    ["deny", { user: "a" }, "publish", ["#"]],
    ["allow", "all", "publish", ["#"]],
    ["deny", "all", "all", "all"],
  );
  it("redundancy: past the budget every later rule is undecided, never guessed", () => {
    const cut = new RedundancyChecker(indexedSpace(rs, "v5"), 1);
    expect([0, 1, 2].map((k) => cut.check(k))).toEqual([null, null, null]);
    expect(cut.cutAt).toBe(0);
    const full = new RedundancyChecker(indexedSpace(rs, "v5"));
    expect([0, 1, 2].map((k) => full.check(k)?.redundant)).toEqual([false, false, false]);
    expect(full.cutAt).toBeNull();
  });
  it("conflicts: past the budget every later rule is unchecked", () => {
    const full = new ConflictFinder(indexedSpace(rs, "v5"));
    expect([0, 1, 2].map((k) => full.find(k))).toEqual([[], [0], [1]]);
    const cut = new ConflictFinder(indexedSpace(rs, "v5"), 2);
    const got = [0, 1, 2].map((k) => cut.find(k));
    expect(cut.cutAt).not.toBeNull();
    expect(got.slice(cut.cutAt!)).toEqual(Array(3 - cut.cutAt!).fill(null));
  });
});
