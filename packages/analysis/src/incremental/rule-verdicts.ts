/**
 * What the exact checks said about one rule, held by the rule object itself (carried-over
 * rules are the same objects from version to version, moved in place), so the verdicts
 * survive renumbering and point at other rules, not at their numbers.
 */
import {
  prepareRequest,
  ruleVerdict,
  type Dialect,
  type PreparedRequest,
  type Rule,
  type RuleVerdict,
  type WireRequest,
} from "@emqx-acl/core";
import { wireToRequest, type ReachabilityResult } from "../reachability/reachability";
import type { RedundancyProof } from "../reachability/redundancy";

export type Reach =
  | { status: "reachable"; witness: WireRequest; note?: string }
  | { status: "unreachable"; coveredBy: Rule[]; reason?: string }
  | { status: "unknown"; reason: string };

export interface RuleVerdicts {
  reach: Reach;
  /** Asked only of reachable rules (undefined: not asked); with the proof when the cheap one showed it. */
  redundant?: { redundant: boolean; proof?: RedundancyProof } | null;
  conflicts?: Rule[] | null;
  /**
   * Why the rule is not redundant, when its witness shows it: the rule that decides the
   * witness once this rule is removed (null: none does) has the other permission.
   */
  next?: Rule | null;
  /** The witness, prepared for matching (on first use). */
  prepared?: PreparedRequest;
}

export function toReach(r: ReachabilityResult, byIndex: (index: number) => Rule): Reach {
  if (r.status === "reachable")
    return r.note === undefined
      ? { status: "reachable", witness: r.witness }
      : { status: "reachable", witness: r.witness, note: r.note };
  if (r.status === "unreachable")
    return r.reason === undefined
      ? { status: "unreachable", coveredBy: r.coveredBy.map(byIndex) }
      : { status: "unreachable", coveredBy: r.coveredBy.map(byIndex), reason: r.reason };
  return { status: "unknown", reason: r.reason };
}

/** The verdict as lint reports it, numbered as the rules are now. */
export function fromReach(rule: Rule, r: Reach): ReachabilityResult {
  if (r.status === "reachable")
    return r.note === undefined
      ? { rule: rule.index, status: "reachable", witness: r.witness }
      : { rule: rule.index, status: "reachable", witness: r.witness, note: r.note };
  if (r.status === "unreachable") {
    const out: ReachabilityResult = {
      rule: rule.index,
      status: "unreachable",
      coveredBy: r.coveredBy.map((c) => c.index),
    };
    if (r.reason !== undefined) out.reason = r.reason;
    return out;
  }
  return { rule: rule.index, status: "unknown", reason: r.reason };
}

/** What `other` does with the rule's witness (the rule must be reachable). */
export function onWitness(v: RuleVerdicts, other: Rule, dialect: Dialect): RuleVerdict {
  if (v.reach.status !== "reachable") throw new Error("internal: no witness");
  v.prepared ??= prepareRequest(wireToRequest(v.reach.witness), dialect);
  return ruleVerdict(other, v.prepared, dialect);
}
