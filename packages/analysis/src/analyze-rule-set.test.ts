import { describe, expect, it } from "vitest";
import { lower } from "@emqx-acl/core";
import { parseDocument } from "@emqx-acl/syntax";
import { analyzeRuleSet, ttyProgress } from "./analyze-rule-set";

describe("analyzeRuleSet", () => {
  it("reports progress to the callback and is exact without a budget", () => {
    const text = Array.from({ length: 300 }, (_, i) => `{allow, {username, "u${i}"}, publish, ["t/${i}/#"]}.`).join("\n") + "\n{deny, all}.\n";
    const calls: number[] = [];
    const res = analyzeRuleSet(lower(parseDocument(text), "v5").ruleSet, { progress: (done) => calls.push(done) });
    expect(res.rules.every((r) => r.status === "reachable")).toBe(true);
    expect(calls).toEqual([256, 301, -1]);
  });
  it("writes progress only to a terminal, and clears its line at the end", () => {
    expect(ttyProgress({ isTTY: false } as NodeJS.WriteStream)).toBeNull();
    const out: string[] = [];
    const p = ttyProgress({ isTTY: true, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream)!;
    p(1, 2); // within the first second: silent
    p(-1, 2);
    expect(out).toEqual([]);
  });
});
