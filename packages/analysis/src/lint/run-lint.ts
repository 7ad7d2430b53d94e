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

/** No conflicting rules (shared: most rules have none). */
const NO_RULES: Rule[] = [];

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
  // position of a rule by its term number, and the memos by position: arrays, not maps
  // keyed by rule (a map entry per rule is ~40 bytes, on 610k rules 3 maps of ~25 MB)
  const position = new Int32Array(rules.reduce((m, r) => Math.max(m, r.index), 0) + 1);
  rules.forEach((r, i) => (position[r.index] = i));
  let reach: ReachabilityResult[] | null = null;
  let redundancy: RedundancyChecker | null = null;
  let conflicts: ConflictFinder | null = null;
  /** The cuts of the checkers `release` let go. */
  const released: { redundantCut: number | null; conflictCut: number | null } = {
    redundantCut: null,
    conflictCut: null,
  };
  const redundant: ({ redundant: boolean } | null | undefined)[] = rules.map(() => undefined);
  const conflicting: (Rule[] | null | undefined)[] = rules.map(() => undefined);
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
      const k = position[r.index];
      if (onProgress && k % 256 === 255) onProgress("redundancy", k + 1, rules.length);
      if (redundant[k] === undefined) redundant[k] = (redundancy ??= new RedundancyChecker(shared(), budget)).check(k);
      return redundant[k];
    },
    conflicts: (r) => {
      reachability();
      const k = position[r.index];
      if (onProgress && k % 256 === 255) onProgress("conflicts", k + 1, rules.length);
      if (conflicting[k] === undefined) {
        const found = (conflicts ??= new ConflictFinder(shared(), budget)).find(k);
        conflicting[k] = found === null ? null : found.length ? found.map((j) => rules[j]) : NO_RULES;
      }
      return conflicting[k];
    },
    cutShort: () => {
      const out: { check: "rule-redundant" | "rule-conflict"; rule: Rule }[] = [];
      const redundantCut = redundancy?.cutAt ?? released.redundantCut;
      const conflictCut = conflicts?.cutAt ?? released.conflictCut;
      if (redundantCut != null) out.push({ check: "rule-redundant", rule: rules[redundantCut] });
      if (conflictCut != null) out.push({ check: "rule-conflict", rule: rules[conflictCut] });
      return out;
    },
    release: () => {
      released.redundantCut = redundancy?.cutAt ?? released.redundantCut;
      released.conflictCut = conflicts?.cutAt ?? released.conflictCut;
      space = null;
      redundancy = null;
      conflicts = null;
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
  // one string per distinct message: a rule says the same of many rules on large files
  // (the 610k-rule fleet file has ~500k placeholder warnings with a few dozen texts)
  const messages = new Map<string, string>();
  const active = allRules.flatMap((rule) => {
    const setting = settings.rules?.[rule.id] ?? rule.defaultSeverity;
    return setting === "off" || (rule.dialects && !rule.dialects.includes(dialect)) ? [] : [{ rule, setting }];
  });
  // the exact checks' space and indexes go once the last rule asking them is done
  const lastExact = active.findLastIndex(({ rule }) => rule.exactChecks);
  for (const [i, { rule, setting }] of active.entries()) {
    throwIfCancelled(cancel);
    if (i === lastExact + 1) ctx.release?.();
    for (const f of rule.check(ctx)) {
      if (f.term !== null && ignored.get(f.term)?.has(rule.id)) continue;
      const d = toDiagnostic(rule, f, setting, parse);
      const m = messages.get(d.message);
      if (m === undefined) messages.set(d.message, d.message);
      else d.message = m;
      out.push(d);
    }
  }
  return { diagnostics: out, reachability: reach };
}
