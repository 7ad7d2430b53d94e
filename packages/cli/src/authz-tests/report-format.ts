/** The output formats of `emqx-acl test`, by name. */
import { githubReport } from "./report-github";
import { jsonReport } from "./report-json";
import { junitReport } from "./report-junit";
import { prettyReport } from "./report-pretty";
import type { TestReport } from "./test-report";

export type TestFormat = "pretty" | "json" | "junit" | "github";

/** The report in one format; `cwd` makes GitHub annotation paths relative to the repository. */
export function reportText(report: TestReport, format: TestFormat, cwd: string): string {
  if (format === "json") return jsonReport(report);
  if (format === "junit") return junitReport(report);
  if (format === "github") return githubReport(report, cwd);
  return prettyReport(report);
}
