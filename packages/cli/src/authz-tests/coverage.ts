/**
 * Rule coverage: which rules decided at least one case, which none did, and the same as
 * LCOV (`DA:line,hits` on each rule's first line) for CI coverage uploaders.
 */
import type { RuleSet } from "@emqx-acl/core";
import type { RuleLines } from "./run-cases";

export interface RuleCoverage {
  rule: number;
  /** The rule's first line (1-based). */
  line: number;
  permission: "allow" | "deny";
  /** How many cases this rule decided. */
  hits: number;
}

export interface Coverage {
  rules: RuleCoverage[];
  covered: number;
  total: number;
  /** Covered rules in percent (100 for a file with no rules). */
  percent: number;
}

/** Coverage of a rule set from the cases each rule decided. */
export function ruleCoverage(ruleSet: RuleSet, lines: RuleLines, hits: ReadonlyMap<number, number>): Coverage {
  const rules = ruleSet.rules.map((r) => ({
    rule: r.index,
    line: lines.get(r.index)!.first,
    permission: r.permission,
    hits: hits.get(r.index) ?? 0,
  }));
  const covered = rules.filter((r) => r.hits > 0).length;
  return { rules, covered, total: rules.length, percent: rules.length === 0 ? 100 : (100 * covered) / rules.length };
}

/** `75.0%` (one decimal, never rounded up to 100 while a rule is uncovered). */
export function percentText(c: Coverage): string {
  const p = Math.floor(c.percent * 10) / 10;
  return `${p.toFixed(1)}%`;
}

/** Coverage for people: the summary line and the rules no case reaches. */
export function coverageText(c: Coverage, aclPath: string): string {
  const out = [`coverage: ${c.covered}/${c.total} rules decided at least one case (${percentText(c)})`];
  for (const r of c.rules.filter((x) => x.hits === 0))
    out.push(`  not reached: rule ${r.rule} (${aclPath}:${r.line}, ${r.permission})`);
  return `${out.join("\n")}\n`;
}

/**
 * One LCOV record for the acl file. Rules written on one line share its `DA` entry (their
 * hits added), since LCOV counts lines.
 */
export function lcovRecord(c: Coverage, aclPath: string): string {
  const byLine = new Map<number, number>();
  for (const r of c.rules) byLine.set(r.line, (byLine.get(r.line) ?? 0) + r.hits);
  const da = [...byLine].sort((a, b) => a[0] - b[0]).map(([line, hits]) => `DA:${line},${hits}`);
  const hit = [...byLine.values()].filter((h) => h > 0).length;
  return ["TN:", `SF:${aclPath}`, ...da, `LF:${byLine.size}`, `LH:${hit}`, "end_of_record", ""].join("\n");
}
