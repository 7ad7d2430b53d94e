/**
 * Runs the lint rules over an analysed document: severity from the settings (or the
 * rule's default), `%% emqx-acl ignore:<id>` suppression on the line(s) above a term.
 * Load errors are never produced here, so they can never be suppressed or turned off.
 */
import type { Dialect, Rule } from "@emqx-acl/core";
import type { Diagnostic, ParseResult } from "@emqx-acl/syntax";
import {
  analyzeReachability,
  indexedSpace,
  type IndexedSpace,
  type ReachabilityResult,
} from "../reachability/reachability";
import { ConflictFinder } from "../reachability/conflicts";
import { RedundancyChecker } from "../reachability/redundancy";
import { allRules } from "../rules/registry";
import { BUDGET_RE, defaultAnalysisBudget, IGNORE_RE, type LintSettings } from "./settings";
import type { Finding, LintContext, LintRule } from "./types";
import { throwIfCancelled, type CancelToken } from "./cancel";

/** What every lint context says of the document itself (the full and the incremental lint build one). */
export function documentFields(parse: ParseResult): Pick<LintContext, "text" | "lineIndex" | "forms" | "comments"> {
  return { text: parse.text, lineIndex: parse.lineIndex, forms: parse.forms, comments: parse.comments };
}

/** Progress of the exact checks: phase, rules done, rules in all. */
export type Progress = (phase: string, done: number, total: number) => void;

/**
 * Builds the context rules see; reachability, redundancy and conflicts are computed
 * lazily, once, each under the lint work budget (never a guess past it).
 */
export function lintContext(
  parse: ParseResult,
  dialect: Dialect,
  rules: Rule[],
  cancel?: CancelToken,
  onProgress?: Progress,
): LintContext {
  const budget = analysisBudget(parse, rules.length);
  // one space and index for the three exact checks (building them dominates on large files)
  let space: IndexedSpace | null = null;
  const shared = () => {
    if (!space) {
      space = indexedSpace(rules, dialect);
      space.space.cancel = cancel;
    }
    return space;
  };
  const position = new Map(rules.map((r, i) => [r, i]));
  let reach: ReachabilityResult[] | null = null;
  let redundancy: RedundancyChecker | null = null;
  let conflicts: ConflictFinder | null = null;
  const redundant = new Map<Rule, { redundant: boolean } | null>();
  const conflicting = new Map<Rule, Rule[] | null>();
  // reachability runs first: the rules it proves unreachable are left out of the other checks
  function reachability(): ReachabilityResult[] {
    return (reach ??= analyzeReachability(rules, {
      dialect,
      budget,
      shared: shared(),
      onProgress: onProgress && ((done, total) => onProgress("reachability", done, total)),
    }));
  }
  return {
    ...documentFields(parse),
    dialect,
    rules,
    // bounded: lint runs in editors and CI; rules past the budget come back `notAnalysed`
    reachability,
    redundant: (r) => {
      reachability();
      const k = position.get(r)!;
      if (onProgress && k % 256 === 255) onProgress("redundancy", k + 1, rules.length);
      if (!redundant.has(r)) redundant.set(r, (redundancy ??= new RedundancyChecker(shared(), budget)).check(k));
      return redundant.get(r)!;
    },
    conflicts: (r) => {
      reachability();
      const k = position.get(r)!;
      if (onProgress && k % 256 === 255) onProgress("conflicts", k + 1, rules.length);
      if (!conflicting.has(r))
        conflicting.set(r, (conflicts ??= new ConflictFinder(shared(), budget)).find(k)?.map((j) => rules[j]) ?? null);
      return conflicting.get(r)!;
    },
    cutShort: () => {
      const out: { check: "rule-redundant" | "rule-conflict"; rule: Rule }[] = [];
      if (redundancy?.cutAt != null) out.push({ check: "rule-redundant", rule: rules[redundancy.cutAt] });
      if (conflicts?.cutAt != null) out.push({ check: "rule-conflict", rule: rules[conflicts.cutAt] });
      return out;
    },
  };
}

/** The reachability work budget for lint: `%% emqx-acl analysis-budget: N` or the default for the size. */
export function analysisBudget(parse: ParseResult, ruleCount: number): number {
  for (const c of parse.comments) {
    const m = BUDGET_RE.exec(c.text.trim());
    if (m) return Number(m[1]);
  }
  return defaultAnalysisBudget(ruleCount);
}

/**
 * Term index → rule ids suppressed for it by ignore comments. Comments and forms are both
 * in document order, so one forward walk finds each marker's next form (linear).
 */
export function suppressions(parse: ParseResult): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const forms = parse.forms;
  let i = 0;
  for (const c of parse.comments) {
    const m = IGNORE_RE.exec(c.text.trim());
    if (!m) continue;
    while (i < forms.length && forms[i].start < c.end) i++;
    const form = forms[i];
    if (!form) break;
    // only comments (and blank lines) may stand between the marker and the term
    const between = parse.text.slice(c.end, form.start);
    if (between.split(/\r\n|\r|\n/).some((l) => l.trim() !== "" && !l.trim().startsWith("%"))) continue;
    let s = out.get(form.index);
    if (!s) out.set(form.index, (s = new Set()));
    for (const id of m[1].split(/\s*,\s*/)) s.add(id);
  }
  return out;
}

export function toDiagnostic(rule: LintRule, f: Finding, severity: "warning" | "info", parse: ParseResult): Diagnostic {
  const range = (s: number, e: number) => parse.lineIndex.range(s, e);
  const d: Diagnostic = { id: rule.id, severity, message: f.message, range: range(f.start, f.end), term: f.term };
  if (f.related?.length) d.related = f.related.map((r) => ({ range: range(r.start, r.end), message: r.message }));
  if (f.fix)
    d.fix = {
      title: f.fix.title,
      edits: f.fix.edits.map((e) => ({ range: range(e.start, e.end), newText: e.newText })),
    };
  return d;
}

/** Lint diagnostics for a document that loads; throws `AnalysisCancelled` once `cancel` is cancelled. */
export function runLint(
  parse: ParseResult,
  dialect: Dialect,
  rules: Rule[],
  settings: LintSettings = {},
  cancel?: CancelToken,
): Diagnostic[] {
  return lintDocument(parse, dialect, rules, settings, cancel).diagnostics;
}

export interface LintOutput {
  diagnostics: Diagnostic[];
  /** The reachability verdicts lint computed on the way (null when no enabled rule needed them). */
  reachability: ReachabilityResult[] | null;
}

/** `runLint`, also handing back the reachability verdicts (the editor shows them in hovers). */
export function lintDocument(
  parse: ParseResult,
  dialect: Dialect,
  rules: Rule[],
  settings: LintSettings = {},
  cancel?: CancelToken,
  onProgress?: Progress,
): LintOutput {
  const ctx = lintContext(parse, dialect, rules, cancel, onProgress);
  let reach: ReachabilityResult[] | null = null;
  const compute = ctx.reachability;
  ctx.reachability = () => (reach ??= compute());
  const ignored = suppressions(parse);
  const out: Diagnostic[] = [];
  for (const rule of allRules) {
    throwIfCancelled(cancel);
    const setting = settings.rules?.[rule.id] ?? rule.defaultSeverity;
    if (setting === "off") continue;
    if (rule.dialects && !rule.dialects.includes(dialect)) continue;
    for (const f of rule.check(ctx)) {
      if (f.term !== null && ignored.get(f.term)?.has(rule.id)) continue;
      out.push(toDiagnostic(rule, f, setting, parse));
    }
  }
  return { diagnostics: out, reachability: reach };
}
