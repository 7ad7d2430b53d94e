/**
 * What a lint rule is: metadata (id, category, default severity, summary, rationale,
 * examples, docs) plus a `check` that turns the analysed document into findings.
 * Findings use UTF-16 offsets; `runLint` turns them into LSP-range diagnostics.
 */
import type { Dialect, Rule } from "@emqx-acl/core";
import type { Comment, LineIndex, RuleDocFields, TopLevelForm } from "@emqx-acl/syntax";
import type { ReachabilityResult } from "../reachability/reachability";

export type RuleCategory = "reachability" | "security" | "correctness" | "compatibility" | "style";

export interface FindingEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Finding {
  message: string;
  start: number;
  end: number;
  /** 1-based top-level term, when the finding belongs to one. */
  term: number | null;
  related?: { start: number; end: number; message: string }[];
  fix?: { title: string; edits: FindingEdit[] };
}

export interface LintContext {
  text: string;
  lineIndex: LineIndex;
  forms: TopLevelForm[];
  comments: Comment[];
  dialect: Dialect;
  /** The lowered rules (the file loads). */
  rules: Rule[];
  /** Reachability of every rule (computed once, on first use). */
  reachability(): ReachabilityResult[];
  /**
   * Whether removing the rule changes no decision (computed on demand, in file order,
   * under the lint work budget; null = not decided: inexact, or past the budget).
   */
  redundant(rule: Rule): { redundant: boolean } | null;
  /** Earlier rules of the opposite permission sharing a request with the rule (budgeted; null = not checked). */
  conflicts(rule: Rule): Rule[] | null;
  /** The exact checks that ran and stopped at their work budget, with the first rule left unchecked. */
  cutShort(): { check: "rule-redundant" | "rule-conflict"; rule: Rule }[];
  /**
   * Lets go of what `redundant` and `conflicts` share (the space and its indexes, most of
   * a large file's memory) once no rule will ask them again; their verdicts and cuts stay.
   */
  release?(): void;
}

/** A lint rule: the documentation fields every catalogued rule has (audit rules too), and its check. */
export interface LintRule extends RuleDocFields {
  category: RuleCategory;
  /** Never `error`: that is reserved for what EMQX refuses to load. */
  defaultSeverity: "warning" | "info";
  /** Dialects the rule applies to (all when absent). */
  dialects?: Dialect[];
  examples: NonNullable<RuleDocFields["examples"]>;
  /** The rule offers a safe automatic fix. */
  fixable: boolean;
  /**
   * `rule`: the findings on a rule depend on that rule alone (its text, lowering and
   * number) and the dialect, so `check` may be run on any subset of the rules and the
   * findings of rules an edit left alone kept. Otherwise the whole file is checked.
   */
  scope?: "rule";
  /** The check asks `redundant` or `conflicts` (lint releases their state after the last such rule). */
  exactChecks?: true;
  check(ctx: LintContext): Finding[];
}

/** Helper for rule files: the rule object, typed. */
export function defineRule(rule: LintRule): LintRule {
  return rule;
}
