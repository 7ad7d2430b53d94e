/**
 * Which verdicts of a rule an edit leaves standing. An edit removes some rules and inserts
 * others (the "changed" rules); a rule sharing no request with any of them keeps all its
 * verdicts (see `subset-analysis.ts`). For one that does ("touched"), each verdict stands
 * when one of these holds, else it is recomputed:
 *
 * - reachable: no inserted earlier rule decides its witness (removing rules only leaves it
 *   more requests); unreachable: no rule of its covering set was removed;
 * - not redundant, with a certificate (its witness, and the rule `next` deciding it once
 *   this rule is removed, of the other permission or none): the witness is still the
 *   rule's, `next` is still there, and an inserted rule between them that decides the
 *   witness has the other permission too (it becomes `next`);
 * - redundant with a lasting proof (see `RedundancyProof`): no rule of the proof was removed
 *   and no rule of the other permission was inserted after the rule and before the proof's
 *   last one;
 * - otherwise by monotonicity over the changed rules it shares requests with: redundancy
 *   only gains requests to consider when an earlier rule goes, and only changes answers
 *   when a later rule of the other permission comes or one of its own permission goes;
 *   non-redundancy is lost only when an earlier rule comes, a later one of its own
 *   permission comes, or a later one of the other permission goes;
 * - conflicts (earlier rules of the other permission sharing a request, not unreachable):
 *   a removed one leaves the list; an inserted one, or one whose reachability flips, needs
 *   the exact pairwise test, so the list is recomputed.
 */
import type { Dialect, Rule } from "@emqx-acl/core";
import { onWitness, type RuleVerdicts } from "./rule-verdicts";
import type { RedundancyProof } from "../reachability/redundancy";

/** A changed rule sharing requests with the rule, and where it stands relative to it. */
export interface Touch {
  rule: Rule;
  inserted: boolean;
  before: boolean;
  /** A removed rule whose term is still there, edited (its new rule may overlap through what did not change). */
  replaced?: boolean;
}

export interface Carried {
  /** The verdicts to keep (a copy when something in them changed). */
  verdicts: RuleVerdicts | null;
  /** The conflict list needs the exact test (the rest stands). */
  conflictsStale: boolean;
}

/**
 * The rule's verdicts after an edit, given the changed rules sharing requests with it, or
 * `verdicts: null` when the reachability or redundancy verdict must be recomputed.
 */
export function carryVerdicts(
  rule: Rule,
  old: RuleVerdicts,
  touches: Touch[],
  removed: Set<Rule>,
  dialect: Dialect,
  position: (r: Rule) => number | undefined,
): Carried {
  const stale: Carried = { verdicts: null, conflictsStale: true };
  const reach = old.reach;
  if (reach.status === "unknown") return stale;
  if (reach.status === "unreachable") {
    if (reach.coveredBy.some((c) => removed.has(c))) return stale;
    return { verdicts: old, conflictsStale: false };
  }
  if (reach.note !== undefined) return stale; // a lossy witness proves nothing here
  for (const t of touches) if (t.inserted && t.before && onWitness(old, t.rule, dialect) !== "passes") return stale;

  const v: RuleVerdicts = { ...old };
  if (old.redundant === null) return stale;
  if (old.redundant !== undefined) {
    const r = old.redundant.redundant
      ? carryRedundant(rule, touches, old.redundant.proof, position)
      : carryNotRedundant(rule, v, touches, removed, dialect);
    if (!r) return stale;
  }
  let conflictsStale = false;
  if (old.conflicts === null) return stale;
  if (old.conflicts !== undefined) {
    for (const t of touches) {
      if (!t.before || t.rule.permission === rule.permission) continue;
      if (t.inserted || t.replaced) conflictsStale = true;
      else if (old.conflicts.includes(t.rule)) v.conflicts = (v.conflicts ?? old.conflicts).filter((c) => c !== t.rule);
    }
  }
  return { verdicts: v, conflictsStale };
}

function carryRedundant(
  rule: Rule,
  touches: Touch[],
  proof: RedundancyProof | undefined,
  position: (r: Rule) => number | undefined,
): boolean {
  if (proof) {
    const last = proof.last && position(proof.last);
    return touches.every((t) =>
      t.inserted
        ? t.before || t.rule.permission === rule.permission || proof.last === null || position(t.rule)! > last!
        : !proof.rules.includes(t.rule),
    );
  }
  for (const t of touches) {
    if (t.before && !t.inserted) return false;
    if (!t.before && (t.rule.permission === rule.permission) !== t.inserted) return false;
  }
  return true;
}

/** Keeps non-redundancy (updating `v.next`), or false when it must be recomputed. */
function carryNotRedundant(
  rule: Rule,
  v: RuleVerdicts,
  touches: Touch[],
  removed: Set<Rule>,
  dialect: Dialect,
): boolean {
  if (v.next === undefined) {
    for (const t of touches) {
      if (t.before ? t.inserted : (t.rule.permission === rule.permission) === t.inserted) return false;
    }
    return true;
  }
  if (v.next !== null && removed.has(v.next)) return false;
  // inserted later rules deciding the witness: the first of them before `next` takes its place
  let next = v.next;
  const deciding: Rule[] = [];
  for (const t of touches) {
    if (t.before || !t.inserted || (v.next !== null && t.rule.index > v.next.index)) continue;
    const verdict = onWitness(v, t.rule, dialect);
    if (verdict === "unknown") return false;
    if (verdict === "decides") deciding.push(t.rule);
  }
  if (deciding.length) {
    const first = deciding.reduce((a, b) => (b.index < a.index ? b : a));
    if (first.permission === rule.permission) return false;
    next = first;
  }
  v.next = next;
  return true;
}
