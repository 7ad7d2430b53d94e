/**
 * `lintDocument` for a stream of versions of one document: after an edit, only what the
 * edit can affect is analysed again. The rule objects of the lowering are the identity of
 * a rule across versions (the incremental lowerer moves carried-over rules in place), so
 * "changed" is exactly: the rules of the previous version that are gone, and the new ones.
 *
 * - Per-rule lint rules (`scope: "rule"`) run on the changed rules (and on rules whose
 *   number changed); the findings of the others are kept, moved with their rule.
 * - The exact checks keep each rule's verdicts unless the edit can change them
 *   (`verdict-carry.ts`); the rules whose verdicts must be recomputed are analysed together
 *   on the sub-ruleset of the rules they may share a request with (`subset-analysis.ts`).
 * - Whole-file rules and the findings' messages (which cite other rules by number and line)
 *   are produced anew from the verdicts, so the output is what a whole-file lint gives.
 *
 * A whole-file lint runs instead on the first version, when the dialect, settings or work
 * budget change, when an edit changes many rules or the file's regexes or networks (they
 * shape the identity classes), when the last whole-file run was cut short by its budget or
 * found a rule it could not decide exactly, and when the sub-ruleset would be large.
 */
import type { Cidr, Condition, Dialect, Rule } from "@emqx-acl/core";
import type { Diagnostic, LineIndex, ParseResult, Position } from "@emqx-acl/syntax";
import { compileFirstMatch, prepareRequest } from "@emqx-acl/core";
import {
  analysisBudget,
  documentFields,
  lintContext,
  suppressions,
  toDiagnostic,
  type LintOutput,
} from "../lint/run-lint";
import { defaultAnalysisBudget, type LintSettings } from "../lint/settings";
import { throwIfCancelled, type CancelToken } from "../lint/cancel";
import type { Finding, LintContext, LintRule } from "../lint/types";
import { wireToRequest, type ReachabilityResult } from "../reachability/reachability";
import { allRules } from "../rules/registry";
import { isCatchAll } from "../rules/util";
import { mayShareRequest } from "./rule-overlap";
import { fromReach, onWitness, toReach, type RuleVerdicts } from "./rule-verdicts";
import { analyzeSubset, subsetConflicts } from "./subset-analysis";
import { carryVerdicts, type Touch } from "./verdict-carry";
import { LayeredMap } from "./layered-map";
import { OverlapIndex } from "./overlap-index";

/** Beyond this share of the rules changed, a whole-file lint is cheaper. */
const MAX_CHANGED = 0.25;
/** Beyond this share of the rules in the sub-ruleset, a whole-file lint is about as cheap. */
const MAX_SUBSET = 0.5;

/**
 * Findings of the per-rule lint rules on one rule, as of its number and start then, and
 * the diagnostics made of them. Offsets move with the rule only when the diagnostics must
 * be made again (the rule's start moved to another line or column); a keystroke elsewhere
 * on other lines leaves both untouched.
 */
interface RuleFindings {
  index: number;
  start: number;
  /** The findings, by per-rule lint rule in the order enabled (most rules have none: shared empties). */
  found: Finding[];
  /** The per-rule lint rule (its place among them) each finding comes from. */
  from: number[];
  /** The findings' diagnostics, in the same order (null: to be made). */
  shown: Diagnostic[] | null;
  /** Where the rule started, in lines, when `shown` was made. */
  at: Position | null;
}

const NO_FINDINGS: Finding[] = [];
const NO_DIAGNOSTICS: Diagnostic[] = [];
const NO_LISTS: number[] = [];

interface Snapshot {
  dialect: Dialect;
  key: string;
  budgetOverride: number | null;
  rules: Rule[];
  position: LayeredMap<Rule, number>;
  /** null when no enabled lint rule reads the exact checks. */
  verdicts: LayeredMap<Rule, RuleVerdicts> | null;
  /** Every exact check ran to the end and decided every rule (what the incremental path needs). */
  exact: boolean;
  findings: Map<Rule, RuleFindings>;
  /** The reachability results handed out, in `rules` order (null: none). */
  results: ReachabilityResult[] | null;
  /** The non-redundancy certificates are still to be computed (`settle`). */
  uncertified: boolean;
  /**
   * The rules filed for overlap lookups (null until first needed). One index serves the
   * snapshots in turn: each incremental run updates it once its snapshot is final.
   */
  overlap: OverlapIndex | null;
}

export type LintMode = "full" | "incremental";

export interface IncrementalLintOptions extends LintSettings {
  cancel?: CancelToken;
}

export class IncrementalLinter {
  private last: Snapshot | null = null;
  /** How the last `lint` went (tests and benchmarks read it). */
  mode: LintMode = "full";
  /** Rules analysed exactly by the last incremental `lint`. */
  reanalysed = 0;
  /** Why the last `lint` was a whole-file one. */
  reason = "";
  /** The whole-file lint rules' last diagnostics, reused while they say the same (see `emit`). */
  private said = new Map<string, Diagnostic>();

  private fallback(reason: string): null {
    this.reason = reason;
    return null;
  }

  /** Lints one version: the same output as `lintDocument(parse, dialect, rules, settings)`. */
  lint(parse: ParseResult, dialect: Dialect, rules: Rule[], options: IncrementalLintOptions = {}): LintOutput {
    const enabled = allRules.filter(
      (r) => (options.rules?.[r.id] ?? r.defaultSeverity) !== "off" && (!r.dialects || r.dialects.includes(dialect)),
    );
    const key = JSON.stringify(enabled.map((r) => [r.id, options.rules?.[r.id] ?? r.defaultSeverity]));
    const budget = analysisBudget(parse, rules.length);
    const budgetOverride = budget === defaultAnalysisBudget(rules.length) ? null : budget;
    const next = this.incremental(parse, dialect, rules, enabled, options, key, budget, budgetOverride);
    if (next) {
      this.mode = "incremental";
      this.reason = "";
      this.last = next.snapshot;
      return next.output;
    }
    this.mode = "full";
    this.reanalysed = rules.length;
    const full = this.full(parse, dialect, rules, enabled, options, key, budgetOverride);
    this.last = full.snapshot;
    return full.output;
  }

  /**
   * Computes what the last whole-file lint left for later: the non-redundancy certificates
   * (~0.25 s on 10k rules), which only the next edit needs, so the first diagnostics need not
   * wait for them. Call it while idle, before the next version is parsed; the next `lint`
   * does it otherwise.
   */
  settle(): void {
    const s = this.last;
    if (s?.verdicts && s.exact) s.overlap ??= OverlapIndex.of(s.rules);
    if (!s?.uncertified) return;
    addCertificates(s.rules, s.verdicts!, s.dialect);
    s.uncertified = false;
  }

  /** Forgets the previous version (the next `lint` is a whole-file one). */
  reset(): void {
    this.last = null;
  }

  private full(
    parse: ParseResult,
    dialect: Dialect,
    rules: Rule[],
    enabled: LintRule[],
    settings: IncrementalLintOptions,
    key: string,
    budgetOverride: number | null,
  ) {
    const cancel = settings.cancel;
    const ctx = lintContext(parse, dialect, rules, cancel);
    const got: { reach: ReachabilityResult[] | null } = { reach: null };
    const compute = ctx.reachability;
    ctx.reachability = () => (got.reach ??= compute());
    const redundant = new Map<Rule, { redundant: boolean } | null>();
    const conflicts = new Map<Rule, Rule[] | null>();
    const askRedundant = ctx.redundant;
    const askConflicts = ctx.conflicts;
    ctx.redundant = (r) => {
      const v = askRedundant(r);
      redundant.set(r, v);
      return v;
    };
    ctx.conflicts = (r) => {
      const v = askConflicts(r);
      conflicts.set(r, v);
      return v;
    };
    const findings = new Map<Rule, RuleFindings>();
    const output = emit(parse, ctx, enabled, settings, cancel, this.said, (perRule, severities, ignored) => {
      collectPerRule(ctx, perRule, rules, findings);
      const entries = rules.map((r) => findings.get(r)!);
      return perRuleDiagnostics(parse, rules, entries, perRule, severities, ignored);
    });

    let verdicts: LayeredMap<Rule, RuleVerdicts> | null = null;
    let exact = false;
    if (got.reach) {
      const results = got.reach;
      const byIndex = new Map(rules.map((r) => [r.index, r]));
      verdicts = LayeredMap.of(new Map());
      exact = ctx.cutShort().length === 0;
      for (let i = 0; i < rules.length; i++) {
        const r = rules[i];
        if (results[i].status === "unknown") exact = false;
        const v: RuleVerdicts = { reach: toReach(results[i], (n) => byIndex.get(n)!) };
        if (redundant.has(r)) v.redundant = redundant.get(r)!;
        if (conflicts.has(r)) v.conflicts = conflicts.get(r)!;
        verdicts.set(r, v);
      }
    }
    const results = verdicts ? got.reach : null;
    const snapshot: Snapshot = {
      dialect,
      key,
      budgetOverride,
      rules,
      position: LayeredMap.of(positions(rules)),
      verdicts,
      exact,
      findings,
      results,
      uncertified: exact,
      overlap: null,
    };
    return { output, snapshot };
  }

  private incremental(
    parse: ParseResult,
    dialect: Dialect,
    rules: Rule[],
    enabled: LintRule[],
    settings: IncrementalLintOptions,
    key: string,
    budget: number,
    budgetOverride: number | null,
  ): { output: LintOutput; snapshot: Snapshot } | null {
    const cancel = settings.cancel;
    const prev = this.last;
    if (!prev) return this.fallback("first version");
    if (prev.dialect !== dialect || prev.key !== key || prev.budgetOverride !== budgetOverride)
      return this.fallback("dialect, settings or budget changed");
    if (prev.verdicts && !prev.exact) return this.fallback("the last whole-file run was cut short or inexact");
    if (prev.verdicts && (rules.length < 2 || prev.rules.length < 2)) return this.fallback("fewer than two rules");
    // on the previous version's array and rule contents (moving rules in place keeps both)
    this.settle();
    const replaced = replacedPlaces(prev.rules, rules);
    const position = positionsAfter(prev, rules, replaced);
    const { added, removed, inPlace } = editedRules(prev, rules, position, replaced);
    if (added.length + removed.length > Math.max(8, rules.length * MAX_CHANGED))
      return this.fallback("many rules changed");
    if (shapingValues(added) !== shapingValues(removed)) return this.fallback("regexes or networks changed");

    let verdicts: LayeredMap<Rule, RuleVerdicts> | null = null;
    this.reanalysed = 0;
    if (prev.verdicts) {
      verdicts = this.updateVerdicts(
        prev,
        rules,
        position,
        added,
        removed,
        enabled,
        dialect,
        budget,
        Math.max(64, rules.length * MAX_SUBSET),
        cancel,
      );
      if (!verdicts) return this.fallback("large sub-ruleset or work budget");
    }
    throwIfCancelled(cancel);

    const results = verdicts ? sameResults(prev, rules, verdicts, position, inPlace) : null;
    const ctx: LintContext = {
      ...documentFields(parse),
      dialect,
      rules,
      reachability: () => {
        if (!results) throw new Error("internal: the exact checks did not run on the previous version");
        return results;
      },
      redundant: (r) => verdicts?.get(r)?.redundant ?? null,
      conflicts: (r) => verdicts?.get(r)?.conflicts ?? null,
      cutShort: () => [],
    };
    // the previous version's map, updated in place: the rules it keeps are most of them
    const findings = prev.findings;
    for (const r of removed) findings.delete(r);
    const output = emit(parse, ctx, enabled, settings, cancel, this.said, (perRule, severities, ignored) => {
      // new rules, and renumbered ones (their findings name the old number), are checked again
      const entries: RuleFindings[] = new Array(rules.length);
      const stale: Rule[] = [];
      for (let j = 0; j < rules.length; j++) {
        const f = findings.get(rules[j]);
        if (f && f.index === rules[j].index) entries[j] = f;
        else stale.push(rules[j]);
      }
      if (stale.length) {
        collectPerRule({ ...ctx, rules: stale }, perRule, stale, findings);
        for (let j = 0; j < rules.length; j++) entries[j] ??= findings.get(rules[j])!;
      }
      return perRuleDiagnostics(parse, rules, entries, perRule, severities, ignored);
    });
    const snapshot: Snapshot = {
      dialect,
      key,
      budgetOverride,
      rules,
      position,
      verdicts,
      exact: prev.exact,
      findings,
      results,
      uncertified: false,
      overlap: prev.overlap,
    };
    // final: the index moves on to this version
    if (snapshot.overlap) {
      for (const r of removed) snapshot.overlap.delete(r);
      for (const r of added) snapshot.overlap.add(r);
    }
    return { output, snapshot };
  }

  /** The verdicts of every rule after the edit, or null when a whole-file run is needed. */
  private updateVerdicts(
    prev: Snapshot,
    rules: Rule[],
    position: LayeredMap<Rule, number>,
    added: Rule[],
    removed: Rule[],
    enabled: LintRule[],
    dialect: Dialect,
    budget: number,
    limit: number,
    cancel?: CancelToken,
  ): LayeredMap<Rule, RuleVerdicts> | null {
    const old = prev.verdicts!;
    const removedSet = new Set(removed);
    const wantRedundancy = enabled.some((r) => r.id === "rule-redundant");
    const wantConflicts = enabled.some((r) => r.id === "rule-conflict");
    const verdicts = old.derive();
    for (const r of removed) verdicts.delete(r);
    const needsConflicts = (r: Rule) =>
      wantConflicts && verdicts.get(r)?.reach.status === "reachable" && !isCatchAll(r, dialect);

    // an edited (or merely re-read) term replaces the rule at its place: pair them, and
    // compare each changed rule with other rules only through what the edit changed in it
    const paired = new Map<Rule, Rule>();
    if (removed.length === added.length) removed.forEach((o, i) => paired.set(o, added[i]));
    const changed: { rule: Rule; inserted: boolean; delta: Rule }[] = [];
    for (const o of removed) {
      const n = paired.get(o);
      const d = n ? ruleDelta(o, n) : { old: o, new: null };
      if (d.old) changed.push({ rule: o, inserted: false, delta: d.old });
      if (n && d.new) changed.push({ rule: n, inserted: true, delta: d.new });
    }
    if (!paired.size) for (const n of added) changed.push({ rule: n, inserted: true, delta: n });
    const renamed = (r: Rule) => paired.get(r) ?? r;
    const at = (r: Rule) => position.get(r);
    const origin = new Map<Rule, Rule>();
    for (const [o, n] of paired) origin.set(n, o);
    const touchesOf = (rj: Rule, j: number, skip?: Rule) => {
      let touches: Touch[] | null = null;
      for (const c of changed) {
        if (c.rule === skip || c.rule === rj || !mayShareRequest(c.delta, rj)) continue;
        const before = c.inserted
          ? position.get(c.rule)! < j
          : prev.position.get(c.rule)! < (prev.position.get(rj) ?? prev.position.get(skip!)!);
        (touches ??= []).push({
          rule: c.rule,
          inserted: c.inserted,
          before,
          replaced: !c.inserted && paired.has(c.rule),
        });
      }
      return touches;
    };

    // only rules that may share a request with a changed rule can have touches: the index
    // finds them among the rules the edit kept, and the added rules are visited anyway
    const overlap = (prev.overlap ??= OverlapIndex.of(prev.rules));
    const addedAt = added.map((r) => position.get(r)!);
    /** Positions of the rules that may share a request with `q`: its candidates still here, and the added rules. */
    const positionsNear = (q: Rule, into = new Set<number>()) => {
      for (const j of addedAt) into.add(j);
      for (const r of overlap.candidates(q)) {
        const j = position.get(r);
        if (j !== undefined) into.add(j);
      }
      return into;
    };
    const near = new Set<number>(addedAt);
    for (const c of changed) positionsNear(c.delta, near);
    const nearby = (t: number) => positionsNear(rules[t]);
    const full = new Set<number>();
    const conflictsOnly = new Set<number>();
    for (const j of [...near].sort((a, b) => a - b)) {
      const rj = rules[j];
      const o = origin.get(rj) ?? null;
      if (!prev.position.has(rj) && !o) {
        full.add(j);
        continue;
      }
      const was = old.get(o ?? rj)!;
      const touches = touchesOf(rj, j, o ?? undefined);
      if (o) {
        // the edited rule: its old verdicts hold when its old witness is still its own
        const same = ruleDelta(o, rj);
        const kept = !same.old && !same.new ? was : reusable(was, o, rj, dialect);
        const carried =
          kept &&
          (touches
            ? carryVerdicts(rj, renamedVerdicts(kept, renamed), touches, removedSet, dialect, at)
            : { verdicts: renamedVerdicts(kept, renamed), conflictsStale: false });
        if (!carried || !carried.verdicts) full.add(j);
        else {
          verdicts.set(rj, carried.verdicts);
          if (carried.conflictsStale || kept !== was) conflictsOnly.add(j);
        }
        continue;
      }
      if (!touches) continue;
      const carried = carryVerdicts(rj, was, touches, removedSet, dialect, at);
      if (!carried.verdicts) full.add(j);
      else {
        verdicts.set(rj, carried.verdicts);
        if (carried.conflictsStale) conflictsOnly.add(j);
      }
    }
    // the rest point at the paired rules under their new objects; a verdict cites only rules
    // sharing a request with its own (covers, conflicts, next deciders, redundancy proofs),
    // so only the paired rules' overlap candidates can cite one
    const citing = new Set<Rule>();
    for (const o of paired.keys()) for (const r of overlap.candidates(o)) citing.add(r);
    for (const r of added) citing.add(r);
    for (const r of citing) {
      const v = verdicts.get(r);
      if (v === undefined) continue; // removed
      const w = renamedVerdicts(v, renamed);
      if (w !== v) verdicts.set(r, w);
    }
    throwIfCancelled(cancel);

    const request = (targets: Set<number>) => ({
      rules,
      targets: [...targets].sort((a, b) => a - b),
      dialect,
      budget,
      cancel,
      maxRules: limit,
      redundancy: wantRedundancy,
      conflicts: (r: Rule) => wantConflicts && !isCatchAll(r, dialect),
      nearby,
    });
    this.reanalysed += full.size;
    if (full.size) {
      const first = analyzeSubset(request(full));
      if (!first) return null;
      for (const [r, v] of first) verdicts.set(r, v);
    }

    // a rule whose reachability flipped enters or leaves the conflict lists of later rules
    for (const j of full) {
      const rj = rules[j];
      const was = old.get(origin.get(rj) ?? rj)?.reach.status;
      const now = verdicts.get(rj)!.reach.status;
      if (was === undefined || (was === "unreachable") === (now === "unreachable")) continue;
      for (let k = j + 1; k < rules.length; k++) {
        const rk = rules[k];
        const vk = verdicts.get(rk)!;
        if (full.has(k) || !vk.conflicts || rk.permission === rj.permission || !mayShareRequest(rj, rk)) continue;
        if (now === "unreachable") verdicts.set(rk, { ...vk, conflicts: vk.conflicts.filter((x) => x !== rj) });
        else conflictsOnly.add(k);
      }
    }
    for (const j of full) conflictsOnly.delete(j);
    for (const j of conflictsOnly) if (!needsConflicts(rules[j])) conflictsOnly.delete(j);
    if (conflictsOnly.size) {
      this.reanalysed += conflictsOnly.size;
      const second = subsetConflicts({ ...request(conflictsOnly), conflicts: needsConflicts });
      if (!second) return null;
      for (const [r, c] of second) verdicts.set(r, { ...verdicts.get(r)!, conflicts: c });
    }

    // the subset's own "dead" rules are only a part of the file's: keep the file's view
    for (const j of [...full, ...conflictsOnly]) {
      const v = verdicts.get(rules[j])!;
      if (v.conflicts) v.conflicts = v.conflicts.filter((x) => verdicts.get(x)!.reach.status !== "unreachable");
    }
    return verdicts;
  }
}

/**
 * What changed from rule `o` to rule `n` (the same term, edited): when only topics did,
 * each side with just the topics the other lacks (a request matched by one and not the
 * other must match one of those); null for a side with none; the whole rules otherwise.
 */
function ruleDelta(o: Rule, n: Rule): { old: Rule | null; new: Rule | null } {
  if (
    o.permission !== n.permission ||
    o.shorthand !== n.shorthand ||
    shapeOf(o.who) !== shapeOf(n.who) ||
    shapeOf(o.action) !== shapeOf(n.action)
  )
    return { old: o, new: n };
  if (o.topics.kind !== "list" || n.topics.kind !== "list")
    return o.topics.kind === n.topics.kind ? { old: null, new: null } : { old: o, new: n };
  const key = (t: { kind: string; text: string }) => `${t.kind}:${t.text}`;
  const ok = new Set(o.topics.items.map(key));
  const nk = new Set(n.topics.items.map(key));
  const gone = o.topics.items.filter((t) => !nk.has(key(t)));
  const come = n.topics.items.filter((t) => !ok.has(key(t)));
  return {
    old: gone.length ? { ...o, topics: { ...o.topics, items: gone } } : null,
    new: come.length ? { ...n, topics: { ...n.topics, items: come } } : null,
  };
}

/** A condition or action without its place in the text. */
function shapeOf(x: object): string {
  return JSON.stringify(x, (k, v) =>
    k === "start" || k === "end" ? undefined : typeof v === "bigint" ? v.toString() : v,
  );
}

/**
 * An edited rule's old verdicts, when its old witness shows they still hold: the new rule
 * decides it (and the rules before it are unchanged or carried as touches), so it is
 * reachable; when not redundant by the witness, so it stays (the rules after it carried as
 * touches). Conflicts are recomputed. Null otherwise.
 */
function reusable(v: RuleVerdicts, o: Rule, n: Rule, dialect: Dialect): RuleVerdicts | null {
  if (v.reach.status !== "reachable" || v.reach.note !== undefined || v.redundant === null) return null;
  // the certificate says the next decision differs from this rule's permission
  if (v.redundant !== undefined && o.permission !== n.permission) return null;
  if (v.redundant?.redundant && v.redundant !== undefined) return null;
  if (v.redundant && v.next === undefined) return null;
  if (onWitness(v, n, dialect) !== "decides") return null;
  return { reach: v.reach, redundant: v.redundant, next: v.next, conflicts: v.conflicts, prepared: v.prepared };
}

/** The verdicts with the paired rules' new objects (the same object when none is cited). */
function renamedVerdicts(v: RuleVerdicts, renamed: (r: Rule) => Rule): RuleVerdicts {
  const cites = (l: Rule[] | null | undefined) => !!l && l.some((x) => renamed(x) !== x);
  const r = v.reach;
  const reach = r.status === "unreachable" && cites(r.coveredBy) ? { ...r, coveredBy: r.coveredBy.map(renamed) } : r;
  const conflicts = cites(v.conflicts) ? v.conflicts!.map(renamed) : v.conflicts;
  const next = v.next ? renamed(v.next) : v.next;
  // a proof citing an edited rule not touching this one holds through what the edit kept
  const proof = v.redundant?.proof;
  const redundant =
    proof && (cites(proof.rules) || (proof.last && renamed(proof.last) !== proof.last))
      ? {
          ...v.redundant!,
          proof: { rules: proof.rules.map(renamed), last: proof.last && renamed(proof.last) },
        }
      : v.redundant;
  if (reach === r && conflicts === v.conflicts && next === v.next && redundant === v.redundant) return v;
  return { ...v, reach, conflicts, next, redundant };
}

/**
 * Runs the enabled lint rules in order; `perRule` supplies the diagnostics of the per-rule
 * ones (suppressions applied), given their severities and the file's suppressions. A
 * whole-file rule's diagnostic is the same object as last time when it says the same at
 * the same place (`said`, replaced by this run's): after a keystroke nearly all do, and
 * the editor's delta and LSP forms then see the objects they already hold.
 */
function emit(
  parse: ParseResult,
  ctx: LintContext,
  enabled: LintRule[],
  settings: LintSettings,
  cancel: CancelToken | undefined,
  said: Map<string, Diagnostic>,
  perRule: (rules: LintRule[], severities: Severity[], ignored: Map<number, Set<string>>) => Diagnostic[][],
): LintOutput {
  const severityOf = (rule: LintRule) => (settings.rules?.[rule.id] ?? rule.defaultSeverity) as Severity;
  const ruleScoped = enabled.filter((r) => r.scope === "rule");
  const ignored = suppressions(parse);
  const own = perRule(ruleScoped, ruleScoped.map(severityOf), ignored);
  const out: Diagnostic[] = [];
  const now = new Map<string, Diagnostic>();
  // like lintDocument: the verdicts are handed back when a rule asked for them
  let reach: ReachabilityResult[] | null = null;
  const compute = ctx.reachability;
  ctx = { ...ctx, reachability: () => (reach ??= compute()) };
  for (const rule of enabled) {
    throwIfCancelled(cancel);
    if (rule.scope === "rule") {
      for (const d of own[ruleScoped.indexOf(rule)]) out.push(d);
      continue;
    }
    const severity = severityOf(rule);
    for (const f of rule.check(ctx)) {
      if (f.term !== null && ignored.get(f.term)?.has(rule.id)) continue;
      const key = `${rule.id}\u0000${f.term}\u0000${f.message}`;
      let d = said.get(key);
      if (d === undefined || d.severity !== severity || !saysSame(d, f, parse.lineIndex))
        d = toDiagnostic(rule, f, severity, parse);
      now.set(key, d);
      out.push(d);
    }
  }
  said.clear();
  for (const [k, d] of now) said.set(k, d);
  return { diagnostics: out, reachability: reach };
}

/** Whether `d` is what `toDiagnostic` makes of `f` now (its id, severity, message and term aside). */
function saysSame(d: Diagnostic, f: Finding, lines: LineIndex): boolean {
  const at = (s: number, e: number, r: Diagnostic["range"]) => lines.isAt(s, r.start) && lines.isAt(e, r.end);
  if (!at(f.start, f.end, d.range)) return false;
  const related = f.related ?? [];
  if (related.length !== (d.related?.length ?? 0)) return false;
  for (let i = 0; i < related.length; i++) {
    const r = d.related![i];
    if (r.message !== related[i].message || !at(related[i].start, related[i].end, r.range)) return false;
  }
  if (!f.fix !== !d.fix) return false;
  if (!f.fix) return true;
  if (f.fix.title !== d.fix!.title || f.fix.edits.length !== d.fix!.edits.length) return false;
  return f.fix.edits.every((e, i) => {
    const x = d.fix!.edits[i];
    return x.newText === e.newText && at(e.start, e.end, x.range);
  });
}

type Severity = "warning" | "info";

/**
 * The per-rule lint rules' diagnostics, one list per lint rule in file order: each rule's
 * own, made again only where its findings are new or its start moved in lines or columns
 * (then its findings move to where it stands first).
 */
function perRuleDiagnostics(
  parse: ParseResult,
  rules: Rule[],
  entries: RuleFindings[],
  perRule: LintRule[],
  severities: Severity[],
  ignored: Map<number, Set<string>>,
): Diagnostic[][] {
  const out: Diagnostic[][] = perRule.map(() => []);
  const lines = parse.lineIndex;
  for (let j = 0; j < rules.length; j++) {
    const r = rules[j];
    const f = entries[j];
    if (f.shown === null || !lines.isAt(r.start, f.at!)) {
      if (f.start !== r.start) {
        moveFindings(f, r.start - f.start);
        f.start = r.start;
      }
      makeShown(f, perRule, severities, parse);
    }
    const shown = f.shown!;
    if (!shown.length) continue;
    const off = ignored.size ? ignored.get(r.index) : undefined;
    for (let k = 0; k < shown.length; k++) {
      const i = f.from[k];
      if (off?.has(perRule[i].id)) continue;
      out[i].push(shown[k]);
    }
  }
  return out;
}

function makeShown(f: RuleFindings, perRule: LintRule[], severities: Severity[], parse: ParseResult): void {
  f.shown = f.found.length
    ? f.found.map((x, k) => toDiagnostic(perRule[f.from[k]], x, severities[f.from[k]], parse))
    : NO_DIAGNOSTICS;
  f.at = parse.lineIndex.position(f.start);
}

/** Runs the per-rule lint rules on `rules` and files their findings under each rule. */
function collectPerRule(ctx: LintContext, perRule: LintRule[], rules: Rule[], into: Map<Rule, RuleFindings>): void {
  const byIndex = new Map<number, RuleFindings>();
  for (const r of rules) {
    const f: RuleFindings = {
      index: r.index,
      start: r.start,
      found: NO_FINDINGS,
      from: NO_LISTS,
      shown: null,
      at: null,
    };
    into.set(r, f);
    byIndex.set(r.index, f);
  }
  perRule.forEach((lintRule, i) => {
    for (const f of lintRule.check(ctx)) {
      const holder = f.term === null ? undefined : byIndex.get(f.term);
      if (!holder) throw new Error(`internal: ${lintRule.id} reported outside the rules it was given`);
      if (holder.found === NO_FINDINGS) {
        holder.found = [];
        holder.from = [];
      }
      holder.found.push(f);
      holder.from.push(i);
    }
  });
}

/** Moves a rule's findings with it (in place: they belong to the cache). */
function moveFindings(f: RuleFindings, delta: number): void {
  if (delta === 0) return;
  for (const x of f.found) {
    x.start += delta;
    x.end += delta;
    for (const r of x.related ?? []) {
      r.start += delta;
      r.end += delta;
    }
    for (const e of x.fix?.edits ?? []) {
      e.start += delta;
      e.end += delta;
    }
  }
}

/**
 * Certificates of non-redundancy for the whole file: for each reachable rule found not
 * redundant, the rule deciding its witness once it is removed, when that shows it.
 */
function addCertificates(rules: Rule[], verdicts: LayeredMap<Rule, RuleVerdicts>, dialect: Dialect): void {
  let first: ReturnType<typeof compileFirstMatch> | null = null;
  for (let i = 0; i < rules.length; i++) {
    const v = verdicts.get(rules[i])!;
    if (v.reach.status !== "reachable" || v.reach.note !== undefined || v.redundant?.redundant !== false) continue;
    first ??= compileFirstMatch(rules, dialect);
    const p = (v.prepared ??= prepareRequest(wireToRequest(v.reach.witness), dialect));
    const at = first.from(p, i + 1);
    if (at === null) continue;
    if (at < 0) v.next = null;
    else if (rules[at].permission !== rules[i].permission) v.next = rules[at];
  }
}

/**
 * Each rule's reachability result, the previous version's object when it still says the
 * same (same verdict object, same rule number and covering numbers): the language server
 * sends only the results that are new objects. `inPlace`: the edit replaced rules where
 * they stood (no rule moved or was renumbered), so only the rules whose verdicts this
 * version set can have another result.
 */
function sameResults(
  prev: Snapshot,
  rules: Rule[],
  verdicts: LayeredMap<Rule, RuleVerdicts>,
  position: LayeredMap<Rule, number>,
  inPlace: boolean,
): ReachabilityResult[] {
  const one = (r: Rule, at: number | undefined) => {
    const reach = verdicts.get(r)!.reach;
    const was = at === undefined ? undefined : prev.results?.[at];
    const same =
      was !== undefined &&
      was.rule === r.index &&
      prev.verdicts?.get(r)?.reach === reach &&
      (reach.status !== "unreachable" ||
        (was.status === "unreachable" && reach.coveredBy.every((c, i) => c.index === was.coveredBy[i])));
    return same ? was : fromReach(r, reach);
  };
  const numbered = (res: ReachabilityResult[]) => {
    for (let j = 0; j < rules.length; j++) if (res[j].rule !== rules[j].index) return false;
    return true;
  };
  if (inPlace && prev.results && prev.results.length === rules.length && numbered(prev.results)) {
    const out = prev.results.slice();
    for (const r of verdicts.changedHere()) {
      const j = position.get(r);
      if (j !== undefined) out[j] = one(r, prev.rules[j] === r ? j : undefined);
    }
    return out;
  }
  const out: ReachabilityResult[] = new Array(rules.length);
  for (let j = 0; j < rules.length; j++) out[j] = one(rules[j], prev.position.get(rules[j]));
  return out;
}

function positions(rules: Rule[]): Map<Rule, number> {
  const m = new Map<Rule, number>();
  for (let i = 0; i < rules.length; i++) m.set(rules[i], i);
  return m;
}

/**
 * The rules the edit added and removed, in file order; `inPlace` when it only replaced
 * rules where they stood (same count, same numbers: a keystroke inside a rule), found by
 * comparing the two arrays rather than looking every rule up.
 */
function editedRules(
  prev: Snapshot,
  rules: Rule[],
  position: LayeredMap<Rule, number>,
  replaced: number[] | null,
): { added: Rule[]; removed: Rule[]; inPlace: boolean } {
  const old = prev.rules;
  if (replaced)
    return {
      added: replaced.map((i) => rules[i]).filter((r) => !prev.position.has(r)),
      removed: replaced.map((i) => old[i]).filter((r) => !position.has(r)),
      inPlace: replaced.every((i) => rules[i].index === old[i].index),
    };
  return {
    added: rules.filter((r) => !prev.position.has(r)),
    removed: old.filter((r) => !position.has(r)),
    inPlace: false,
  };
}

/**
 * The places where `rules` holds another object than `old`, when the two are as long and
 * differ in at most 64 places (a keystroke inside a rule: one); null otherwise.
 */
function replacedPlaces(old: Rule[], rules: Rule[]): number[] | null {
  if (old.length !== rules.length) return null;
  const replaced: number[] = [];
  for (let i = 0; i < rules.length; i++) if (rules[i] !== old[i] && replaced.push(i) > 64) return null;
  return replaced;
}

/**
 * The rules' positions, from the previous version's when the edit replaced rules in place
 * (a keystroke inside a rule: the same array but for that rule's object).
 */
function positionsAfter(prev: Snapshot, rules: Rule[], replaced: number[] | null): LayeredMap<Rule, number> {
  const old = prev.rules;
  if (!replaced) return LayeredMap.of(positions(rules));
  if (!replaced.length) return prev.position;
  const next = prev.position.derive();
  // all the old objects go first: one of them may have moved to another replaced place
  for (const i of replaced) next.delete(old[i]);
  for (const i of replaced) next.set(rules[i], i);
  return next;
}

/**
 * The regexes and networks of some rules, as one sorted string: they shape the identity
 * classes (and whether those are provably complete), which the incremental path assumes an
 * edit leaves alone.
 */
function shapingValues(rules: Rule[]): string {
  const out: string[] = [];
  const visit = (c: Condition): void => {
    if (c.kind === "and" || c.kind === "or") c.items.forEach(visit);
    else if ("match" in c && c.match.kind === "re")
      out.push(`${c.kind}:${"name" in c ? c.name : ""}:${c.match.pattern}`);
    else if (c.kind === "ipaddr") for (const x of c.cidrs as Cidr[]) out.push(`ip:${x.text}`);
  };
  for (const r of rules) visit(r.who);
  return out.sort().join("\n");
}
