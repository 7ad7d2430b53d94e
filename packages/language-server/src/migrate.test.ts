/** The editor's migration does work in proportion to what it is asked about, counted in rule lowerings (not timed). */
import { describe, expect, it, vi } from "vitest";
import { analyzeDocument } from "@emqx-acl/analysis";

const lowered = vi.hoisted(() => ({ count: 0 }));
vi.mock("@emqx-acl/core", async (importOriginal) => {
  const core = await importOriginal<typeof import("@emqx-acl/core")>();
  return {
    ...core,
    lowerForm: (...args: Parameters<typeof core.lowerForm>) => (lowered.count++, core.lowerForm(...args)),
  };
});

const { migrationsBetween, v4Migrations } = await import("./migrate");

const rules = (n: number, rule: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => rule(i)).join("\n") + "\n";

describe("migration work", () => {
  it("lowers only the rules under the cursor, and nothing for the whole file when no rule is EMQX 4's alone", () => {
    const a = analyzeDocument(
      rules(2000, (i) => `{allow, {username, "u${i}"}, publish, ["t/${i}/#"]}.`),
      { dialect: "v5" },
    );
    lowered.count = 0;
    const at = a.parse.forms[1000].start;
    expect(migrationsBetween(a, at, at)).toEqual([]);
    expect(lowered.count).toBeLessThanOrEqual(2 * 2);
    lowered.count = 0;
    expect(v4Migrations(a)).toEqual([]);
    expect(lowered.count).toBe(0);
  });

  it("migrates an EMQX 4 file once per analysis", () => {
    const a = analyzeDocument(
      rules(50, (i) => `{allow, {user, "u${i}"}, pubsub, ["t/%u/${i}"]}.`),
      { dialect: "v5" },
    );
    lowered.count = 0;
    expect(v4Migrations(a)).toHaveLength(50);
    const once = lowered.count;
    expect(once).toBeGreaterThanOrEqual(100); // two readings of each rule: the count sees them
    expect(v4Migrations(a)).toHaveLength(50);
    expect(lowered.count).toBe(once);
  });
});
