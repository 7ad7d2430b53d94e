/**
 * `analyzeRuleSet`: reachability of every rule of a loaded file, in the JSON shape of
 * `emqx-acl analyze` (one entry per top-level term).
 */
import type { Dialect, RuleSet } from "@emqx-acl/core";
import { analyzeReachability, type ReachabilityResult } from "./reachability/reachability";

export interface RuleSetAnalysis {
  engine: Dialect;
  rules: ReachabilityResult[];
}

/** Reachability per rule; a rule set that failed to load has no rules to analyse. */
export function analyzeRuleSet(ruleSet: RuleSet, options: { profile?: "legacy" | "hardened" } = {}): RuleSetAnalysis {
  return { engine: ruleSet.dialect, rules: analyzeReachability(ruleSet.rules, { dialect: ruleSet.dialect, profile: options.profile }) };
}
