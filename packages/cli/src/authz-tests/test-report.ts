/** What every output format of `emqx-acl test` is made from. */
import type { Request, RuleSet } from "@emqx-acl/core";
import type { Coverage } from "./coverage";
import type { CaseResult, RuleLines } from "./run-cases";
import type { PropertyVerdict } from "./prove-property";
import type { Property } from "./property-spec";

/** A property of a test file and its verdict. */
export interface PropertyResult {
  file: string;
  property: Property;
  verdict: PropertyVerdict;
}

export interface TestReport {
  /** The acl file as named on the command line. */
  aclPath: string;
  aclText: string;
  ruleSet: RuleSet;
  lines: RuleLines;
  securityProfile: "legacy" | "hardened";
  results: CaseResult[];
  properties: PropertyResult[];
  coverage: Coverage;
  /** `--min-coverage`, in percent, or null. */
  minCoverage: number | null;
  /** `--config`: the EMQX configuration whose chain decided the cases (aclPath is its file source). */
  config?: string;
  /** The decision EMQX makes for a request, explained as `emqx-acl explain` prints it. */
  explain(request: Request): string;
}

/** Counts of passed and failed cases. */
export function summary(report: TestReport): { cases: number; passed: number; failed: number } {
  const failed = report.results.filter((r) => r.failure !== null).length;
  return { cases: report.results.length, passed: report.results.length - failed, failed };
}

/** Is coverage below `--min-coverage`? */
export function belowMinimum(report: TestReport): boolean {
  return report.minCoverage !== null && report.coverage.percent < report.minCoverage;
}

/** Properties by verdict. */
export function propertySummary(report: TestReport): { proved: number; violated: number; unknown: number } {
  const count = (s: string) => report.properties.filter((p) => p.verdict.status === s).length;
  return { proved: count("proved"), violated: count("violated"), unknown: count("unknown") };
}

/** Did the run pass (every case, every property proved, and the coverage minimum)? */
export function passed(report: TestReport): boolean {
  return (
    summary(report).failed === 0 &&
    !belowMinimum(report) &&
    report.properties.every((p) => p.verdict.status === "proved")
  );
}

/** `1 case`, `3 cases`. */
export function casesText(n: number): string {
  return `${n} case${n === 1 ? "" : "s"}`;
}
