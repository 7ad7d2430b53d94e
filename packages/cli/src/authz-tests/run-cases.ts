/**
 * Runs test cases against a rule set with the real decision engine (`compileDecider`) and
 * counts, for coverage, how many cases each rule decided.
 */
import { compileDecider, type Decision, type Rule, type RuleSet } from "@emqx-acl/core";
import { LineIndex } from "@emqx-acl/syntax";
import type { ExpectedRule, TestCase, TestFile } from "./parse-test-file";

/**
 * With `--config`, the chain's decision: `rule` is a rule of its acl file (null when
 * another source, no_match or the superuser shortcut decided), `by` says what decided in
 * words, `noMatch` that no source did (the no_match setting decided).
 */
export interface ChainCaseDecision {
  decision: "allow" | "deny" | "unknown";
  rule: number | null;
  note?: string;
  by: string;
  noMatch: boolean;
}

/** What decided a case: the acl file's decision, or the chain's. */
export type CaseDecision = Decision | ChainCaseDecision;

/** The outcome of one case. */
export interface CaseResult {
  file: string;
  testCase: TestCase;
  actual: CaseDecision;
  /** Null when the case passed, else why it failed. */
  failure: string | null;
}

/** The first and last line (1-based) of every rule, by rule number. */
export type RuleLines = Map<number, { first: number; last: number }>;

/** The lines each rule is written on. */
export function ruleLines(rules: readonly Rule[], text: string): RuleLines {
  const li = new LineIndex(text);
  return new Map(
    rules.map((r) => [r.index, { first: li.position(r.start).line + 1, last: li.position(r.end).line + 1 }]),
  );
}

/** Results of every case and the number of cases each rule decided. */
export interface RunResult {
  results: CaseResult[];
  hits: Map<number, number>;
}

/** Decides every case of every file with the acl file's engine. */
export function runCases(
  ruleSet: RuleSet,
  lines: RuleLines,
  files: readonly TestFile[],
  securityProfile: "legacy" | "hardened",
): RunResult {
  const decider = compileDecider(ruleSet, { securityProfile });
  return decideCases(ruleSet, lines, files, (request) => decider.decide(request));
}

/** Decides every case with `decide` (the file's engine, or the chain) and counts the cases each rule decided. */
export function decideCases(
  ruleSet: RuleSet,
  lines: RuleLines,
  files: readonly TestFile[],
  decide: (request: TestCase["request"]) => CaseDecision,
): RunResult {
  const hits = new Map<number, number>(ruleSet.rules.map((r) => [r.index, 0]));
  const results: CaseResult[] = [];
  for (const file of files) {
    for (const testCase of file.cases) {
      const actual = decide(testCase.request);
      if (actual.rule !== null && actual.decision !== "unknown")
        hits.set(actual.rule, (hits.get(actual.rule) ?? 0) + 1);
      results.push({ file: file.path, testCase, actual, failure: caseFailure(testCase, actual, lines) });
    }
  }
  return { results, hits };
}

/** `rule 3 (line 7)`, or what decided without a rule. */
export function decidedBy(d: CaseDecision, lines: RuleLines): string {
  if (d.decision === "unknown") return `unknown: ${d.note}`;
  if ("by" in d)
    return d.rule === null
      ? `${d.decision} by ${d.by}`
      : `${d.decision} by rule ${d.rule} (line ${lines.get(d.rule)?.first ?? "?"}) of ${d.by}`;
  if (d.rule === null) return d.note ? `${d.decision} before any rule: ${d.note}` : "nomatch (no rule matched)";
  return `${d.decision} by rule ${d.rule} (line ${lines.get(d.rule)?.first ?? "?"})`;
}

/** Null when the case passed, else why it failed (`expect: nomatch` with a chain: no source decided). */
function caseFailure(c: TestCase, d: CaseDecision, lines: RuleLines): string | null {
  const wrong = c.expect === "nomatch" && "by" in d ? !d.noMatch : d.decision !== c.expect;
  if (wrong) return `expected ${c.expect}, got ${decidedBy(d, lines)}`;
  if (!c.rule) return null;
  const missing = missingRule(c.rule, lines);
  if (missing) return missing;
  if (d.rule !== null && ruleIsExpected(c.rule, d.rule, lines)) return null;
  return `expected ${c.expect} by ${describeExpected(c.rule)}, got ${decidedBy(d, lines)}`;
}

function ruleIsExpected(e: ExpectedRule, rule: number, lines: RuleLines): boolean {
  if ("number" in e) return e.number === rule;
  const at = lines.get(rule);
  return at !== undefined && at.first <= e.line && e.line <= at.last;
}

/** An expected rule the acl file does not have: the case fails saying so. */
function missingRule(e: ExpectedRule, lines: RuleLines): string | null {
  if ("number" in e)
    return lines.has(e.number)
      ? null
      : `expected rule ${e.number}, but the acl file has ${lines.size} rule${lines.size === 1 ? "" : "s"}`;
  for (const at of lines.values()) if (at.first <= e.line && e.line <= at.last) return null;
  return `expected the rule on line ${e.line}, but no rule is written on that line`;
}

function describeExpected(e: ExpectedRule): string {
  return "number" in e ? `rule ${e.number}` : `the rule on line ${e.line}`;
}
