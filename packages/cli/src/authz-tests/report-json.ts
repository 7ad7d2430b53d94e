/**
 * JSON output of `emqx-acl test` (stable; see docs/test-files.md): every case with its place,
 * expectation, actual decision and failure; the totals; the coverage of every rule.
 */
import { fromBytes } from "@emqx-acl/core";
import type { CaseResult } from "./run-cases";
import { belowMinimum, summary, type TestReport } from "./test-report";

function caseJson(r: CaseResult) {
  const c = r.testCase;
  return {
    file: r.file,
    line: c.at.line,
    column: c.at.column,
    name: c.name,
    action: c.request.action,
    topic: fromBytes(c.request.topic),
    expect: c.expect,
    expectRule: c.rule ? ("number" in c.rule ? { rule: c.rule.number } : { line: c.rule.line }) : null,
    actual: { decision: r.actual.decision, rule: r.actual.rule, ...(r.actual.note ? { note: r.actual.note } : {}) },
    pass: r.failure === null,
    failure: r.failure,
  };
}

/** The JSON report, indented with two spaces. */
export function jsonReport(report: TestReport): string {
  const cov = report.coverage;
  const doc = {
    acl: report.aclPath,
    dialect: report.ruleSet.dialect,
    cases: report.results.map(caseJson),
    summary: summary(report),
    coverage: {
      covered: cov.covered,
      total: cov.total,
      percent: Math.floor(cov.percent * 10) / 10,
      minimum: report.minCoverage,
      belowMinimum: belowMinimum(report),
      rules: cov.rules,
    },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
