import { describe, expect, it } from "vitest";
import { reportOf } from "./fixture.test-support";
import { jsonReport } from "./report-json";
import { prettyReport } from "./report-pretty";

describe("prettyReport", () => {
  it("prints PASS/FAIL per case and, under a failure, the explanation of the actual decision", () => {
    const text = prettyReport(reportOf());
    expect(text).toContain("PASS tests.yaml:2:5  dashboard reads $SYS\n");
    expect(text).toContain(
      'FAIL tests.yaml:7:5  anyone publishes <public> & "quoted"\n  expected deny, got allow by rule 2 (line 2)\n    decision: allow by rule 2 (acl.conf:2) (rules saw the topic "public/x")\n      2 | {allow, all, publish, ["public/#"]}.\n',
    );
    expect(text).toContain("      rule 1 (line 1): action — the rule covers subscribe only, this is a publish\n");
    expect(text).toContain(
      "\n2 cases: 1 passed, 1 failed\ncoverage: 2/4 rules decided at least one case (50.0%)\n  not reached: rule 3 (acl.conf:3, deny)\n",
    );
    expect(text).not.toContain("below --min-coverage");
    expect(prettyReport(reportOf(undefined, undefined, 51))).toContain("coverage 50.0% is below --min-coverage 51%\n");
  });
});

describe("jsonReport", () => {
  it("has every case with its place, expectation and actual decision, the totals and per-rule coverage", () => {
    const doc = JSON.parse(jsonReport(reportOf(undefined, undefined, 40)));
    expect(doc.acl).toBe("acl.conf");
    expect(doc.dialect).toBe("v5");
    expect(doc.cases[0]).toEqual({
      file: "tests.yaml",
      line: 2,
      column: 5,
      name: "dashboard reads $SYS",
      action: "subscribe",
      topic: "$SYS/brokers",
      expect: "allow",
      expectRule: { rule: 1 },
      actual: { decision: "allow", rule: 1 },
      pass: true,
      failure: null,
    });
    expect(doc.cases[1]).toMatchObject({ pass: false, actual: { decision: "allow", rule: 2 }, expectRule: null });
    expect(doc.summary).toEqual({ cases: 2, passed: 1, failed: 1, properties: { proved: 0, violated: 0, unknown: 0 } });
    expect(doc.coverage).toMatchObject({ covered: 2, total: 4, percent: 50, minimum: 40, belowMinimum: false });
    expect(doc.coverage.rules[2]).toEqual({ rule: 3, line: 3, permission: "deny", hits: 0 });
  });
});
