/**
 * JSON output of `emqx-acl test` (stable; see docs/test-files.md): every case with its place,
 * expectation, actual decision and failure; the totals; the coverage of every rule.
 */
import { fromBytes } from "@emqx-acl/core";
import { witnessJson } from "./property-text";
import type { CaseResult } from "./run-cases";
import { belowMinimum, propertySummary, summary, type PropertyResult, type TestReport } from "./test-report";

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
    actual: {
      decision: r.actual.decision,
      rule: r.actual.rule,
      ...(r.actual.note ? { note: r.actual.note } : {}),
      ...("by" in r.actual ? { by: r.actual.by } : {}),
    },
    pass: r.failure === null,
    failure: r.failure,
  };
}

function propertyJson(p: PropertyResult) {
  const v = p.verdict;
  const { name, at, action, topic } = p.property;
  return {
    file: p.file,
    line: at.line,
    column: at.column,
    name,
    never: { action, topic },
    status: v.status,
    ...(v.status === "violated"
      ? { witness: witnessJson(v.witness), decision: { decision: v.decision.decision, rule: v.decision.rule } }
      : {}),
    ...(v.status === "unknown" ? { reason: v.reason } : {}),
  };
}

/** The JSON report, indented with two spaces. */
export function jsonReport(report: TestReport): string {
  const cov = report.coverage;
  const doc = {
    acl: report.aclPath,
    ...(report.config !== undefined ? { config: report.config } : {}),
    dialect: report.ruleSet.dialect,
    cases: report.results.map(caseJson),
    properties: report.properties.map(propertyJson),
    summary: { ...summary(report), properties: propertySummary(report) },
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
