/**
 * Pretty output of `emqx-acl test`: one line per case; under a failing case, why, and the
 * explanation of the decision EMQX actually makes (the deciding rule and why earlier rules
 * did not match, as `emqx-acl explain` prints it); then the totals and the coverage.
 */
import { explainRequest } from "@emqx-acl/core";
import { explanationText } from "../reporters/explanation";
import { terminalText } from "../terminal-text";
import { coverageText, percentText } from "./coverage";
import type { CaseResult } from "./run-cases";
import { belowMinimum, casesText, summary, type TestReport } from "./test-report";

/** The pretty report (terminal-safe). */
export function prettyReport(report: TestReport): string {
  const out: string[] = [];
  for (const r of report.results) out.push(caseText(report, r));
  const s = summary(report);
  out.push(`\n${casesText(s.cases)}: ${s.passed} passed, ${s.failed} failed\n`);
  out.push(coverageText(report.coverage, report.aclPath));
  if (belowMinimum(report)) out.push(`coverage ${percentText(report.coverage)} is below --min-coverage ${report.minCoverage}%\n`);
  return terminalText(out.join(""));
}

function caseText(report: TestReport, r: CaseResult): string {
  const where = `${r.file}:${r.testCase.at.line}:${r.testCase.at.column}`;
  if (r.failure === null) return `PASS ${where}  ${r.testCase.name}\n`;
  const e = explainRequest(report.ruleSet, r.testCase.request, { securityProfile: report.securityProfile });
  const why = explanationText(e, report.ruleSet, report.aclText, report.aclPath)
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
  return `FAIL ${where}  ${r.testCase.name}\n  ${r.failure}\n${why}\n`;
}
