/**
 * JUnit XML output of `emqx-acl test`, the shape Jenkins, GitLab and GitHub test reporters
 * read: `<testsuites>` → one `<testsuite>` per test file → `<testcase>` per case, with a
 * `<failure message=…>` holding the explanation of the actual decision. A
 * `--min-coverage` adds a `coverage` suite with one case that fails below the minimum.
 */
import { percentText } from "./coverage";
import { propertyFailure, witnessText } from "./property-text";
import type { CaseResult } from "./run-cases";
import { belowMinimum, summary, type PropertyResult, type TestReport } from "./test-report";

/** Escapes text for XML 1.0 content and attributes; characters XML cannot hold become U+FFFD. */
export function xmlEscape(s: string): string {
  return s
    .replace(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      "\ufffd",
    )
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}

/** Escapes element text: like attributes, but line breaks and tabs stay as they are. */
function xmlText(s: string): string {
  return xmlEscape(s).replace(/&#10;/g, "\n").replace(/&#9;/g, "\t").replace(/&#13;/g, "\r");
}

function testcase(report: TestReport, r: CaseResult): string {
  const attrs = `name="${xmlEscape(r.testCase.name)}" classname="${xmlEscape(r.file)}" file="${xmlEscape(r.file)}" line="${r.testCase.at.line}"`;
  if (r.failure === null) return `    <testcase ${attrs}/>\n`;
  const body = report.explain(r.testCase.request);
  return `    <testcase ${attrs}>\n      <failure message="${xmlEscape(r.failure)}" type="decision">${xmlText(`${r.failure}\n${body}`)}</failure>\n    </testcase>\n`;
}

function propertyCase(report: TestReport, p: PropertyResult): string {
  const attrs = `name="${xmlEscape(`property: ${p.property.name}`)}" classname="${xmlEscape(p.file)}" file="${xmlEscape(p.file)}" line="${p.property.at.line}"`;
  const failure = propertyFailure(p);
  if (failure === null) return `    <testcase ${attrs}/>\n`;
  let body = failure;
  if (p.verdict.status === "violated") {
    body = `${failure}\nwitness: ${witnessText(p.verdict.witness)}\n${report.explain(p.verdict.witness)}`;
  }
  return `    <testcase ${attrs}>\n      <failure message="${xmlEscape(failure)}" type="property">${xmlText(body)}</failure>\n    </testcase>\n`;
}

function coverageSuite(report: TestReport): string {
  if (report.minCoverage === null) return "";
  const low = belowMinimum(report);
  const name = xmlEscape(`rule coverage of ${report.aclPath} is at least ${report.minCoverage}%`);
  const message = xmlEscape(`coverage ${percentText(report.coverage)} is below --min-coverage ${report.minCoverage}%`);
  const tc = low
    ? `    <testcase name="${name}" classname="coverage">\n      <failure message="${message}" type="coverage"/>\n    </testcase>\n`
    : `    <testcase name="${name}" classname="coverage"/>\n`;
  return `  <testsuite name="coverage" tests="1" failures="${low ? 1 : 0}" errors="0" skipped="0">\n${tc}  </testsuite>\n`;
}

/** The JUnit XML document. */
export function junitReport(report: TestReport): string {
  const files = [...new Set([...report.results.map((r) => r.file), ...report.properties.map((p) => p.file)])];
  const suites = files.map((file) => {
    const rs = report.results.filter((r) => r.file === file);
    const ps = report.properties.filter((p) => p.file === file);
    const failures =
      rs.filter((r) => r.failure !== null).length + ps.filter((p) => p.verdict.status !== "proved").length;
    const cases = rs.map((r) => testcase(report, r)).join("") + ps.map((p) => propertyCase(report, p)).join("");
    return `  <testsuite name="${xmlEscape(file)}" tests="${rs.length + ps.length}" failures="${failures}" errors="0" skipped="0">\n${cases}  </testsuite>\n`;
  });
  const s = summary(report);
  const unproved = report.properties.filter((p) => p.verdict.status !== "proved").length;
  const extra = (report.minCoverage === null ? 0 : 1) + report.properties.length;
  const failures = s.failed + unproved + (belowMinimum(report) ? 1 : 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="emqx-acl test" tests="${s.cases + extra}" failures="${failures}" errors="0">\n${suites.join("")}${coverageSuite(report)}</testsuites>\n`;
}
