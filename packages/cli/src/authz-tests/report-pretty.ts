/**
 * Pretty output of `emqx-acl test`: one line per case; under a failing case, why, and the
 * explanation of the decision EMQX actually makes (the deciding rule and why earlier rules
 * did not match, as `emqx-acl explain` prints it); then the totals and the coverage.
 */
import { terminalText } from "../terminal-text";
import { coverageText, percentText } from "./coverage";
import type { CaseResult } from "./run-cases";
import { propertyFailure } from "./property-text";
import { belowMinimum, casesText, propertySummary, summary, type PropertyResult, type TestReport } from "./test-report";

/** The pretty report (terminal-safe). */
export function prettyReport(report: TestReport): string {
  const out: string[] = [];
  for (const r of report.results) out.push(caseText(report, r));
  for (const p of report.properties) out.push(propertyText(report, p));
  const s = summary(report);
  out.push(`\n${casesText(s.cases)}: ${s.passed} passed, ${s.failed} failed\n`);
  if (report.properties.length) {
    const ps = propertySummary(report);
    out.push(
      `${report.properties.length} propert${report.properties.length === 1 ? "y" : "ies"}: ${ps.proved} proved, ${ps.violated} violated, ${ps.unknown} unknown\n`,
    );
  }
  out.push(coverageText(report.coverage, report.aclPath));
  if (belowMinimum(report))
    out.push(`coverage ${percentText(report.coverage)} is below --min-coverage ${report.minCoverage}%\n`);
  return terminalText(out.join(""));
}

function caseText(report: TestReport, r: CaseResult): string {
  const where = `${r.file}:${r.testCase.at.line}:${r.testCase.at.column}`;
  if (r.failure === null) return `PASS ${where}  ${r.testCase.name}\n`;
  const why = indent(report.explain(r.testCase.request));
  return `FAIL ${where}  ${r.testCase.name}\n  ${r.failure}\n${why}\n`;
}

const LABEL = { proved: "PROVED", violated: "VIOLATED", unknown: "UNKNOWN" } as const;

function propertyText(report: TestReport, p: PropertyResult): string {
  const head = `${LABEL[p.verdict.status]} ${p.file}:${p.property.at.line}:${p.property.at.column}  ${p.property.name}\n`;
  const failure = propertyFailure(p);
  if (failure === null) return head;
  if (p.verdict.status !== "violated") return `${head}  ${failure}\n`;
  return `${head}  ${failure}\n${indent(report.explain(p.verdict.witness))}\n`;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}
