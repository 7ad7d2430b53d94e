/**
 * GitHub Actions output of `emqx-acl test`: an `::error` annotation on the line of each
 * failing case in its test file, a `::notice` on each acl rule no case reaches, an `::error`
 * on the acl file when coverage is below `--min-coverage`, and the totals as plain log lines.
 */
import { annotationPath, escapeData, escapeProperty } from "../reporters/github";
import { terminalText } from "../terminal-text";
import { percentText } from "./coverage";
import { propertyFailure } from "./property-text";
import { belowMinimum, casesText, summary, type TestReport } from "./test-report";

function command(
  kind: "error" | "notice",
  file: string,
  at: { line: number; column?: number } | null,
  title: string,
  message: string,
): string {
  const props = [
    `file=${escapeProperty(file)}`,
    ...(at === null ? [] : [`line=${at.line}`]),
    ...(at?.column ? [`col=${at.column}`] : []),
    `title=${escapeProperty(title)}`,
  ];
  return `::${kind} ${props.join(",")}::${escapeData(terminalText(message))}\n`;
}

/** The workflow commands and the totals. */
export function githubReport(report: TestReport, cwd: string): string {
  const out: string[] = [];
  const acl = annotationPath(report.aclPath, cwd);
  for (const r of report.results) {
    if (r.failure !== null)
      out.push(
        command(
          "error",
          annotationPath(r.file, cwd),
          r.testCase.at,
          "emqx-acl test",
          `${r.testCase.name}: ${r.failure}`,
        ),
      );
  }
  for (const p of report.properties) {
    const failure = propertyFailure(p);
    if (failure !== null)
      out.push(
        command(
          "error",
          annotationPath(p.file, cwd),
          p.property.at,
          "emqx-acl property",
          `${p.property.name}: ${failure}`,
        ),
      );
  }
  for (const rule of report.coverage.rules) {
    if (rule.hits === 0)
      out.push(
        command(
          "notice",
          acl,
          { line: rule.line },
          "emqx-acl coverage",
          `rule ${rule.rule} (${rule.permission}) decides no test case`,
        ),
      );
  }
  const cov = report.coverage;
  if (belowMinimum(report))
    out.push(
      command(
        "error",
        acl,
        null,
        "emqx-acl coverage",
        `coverage ${percentText(cov)} is below --min-coverage ${report.minCoverage}%`,
      ),
    );
  const s = summary(report);
  out.push(
    terminalText(
      `${casesText(s.cases)}: ${s.passed} passed, ${s.failed} failed; coverage ${cov.covered}/${cov.total} rules (${percentText(cov)})\n`,
    ),
  );
  return out.join("");
}
