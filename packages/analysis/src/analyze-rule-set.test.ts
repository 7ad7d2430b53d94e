import { describe, expect, it } from "vitest";
import { lower } from "@emqx-acl/core";
import { parseDocument } from "@emqx-acl/syntax";
import { analyzeRuleSet } from "./analyze-rule-set";
import { AnalysisCancelled } from "./lint/cancel";

const text =
  Array.from({ length: 300 }, (_, i) => `{allow, {username, "u${i}"}, publish, ["t/${i}/#"]}.`).join("\n") +
  "\n{deny, all}.\n";

describe("analyzeRuleSet", () => {
  it("reports progress to the callback and is exact without a budget", () => {
    const calls: number[] = [];
    const res = analyzeRuleSet(lower(parseDocument(text), "v5").ruleSet, { progress: (done) => calls.push(done) });
    expect(res.rules.every((r) => r.status === "reachable")).toBe(true);
    expect(calls).toEqual([256, 301]);
  });

  it("stops when its cancel token says so (the CLI's memory guard)", () => {
    expect(() => analyzeRuleSet(lower(parseDocument(text), "v5").ruleSet, { cancel: { cancelled: true } })).toThrow(
      AnalysisCancelled,
    );
  });
});
