/**
 * `analyzeRuleSet`: reachability of every rule of a loaded file, in the JSON shape of
 * `emqx-acl analyze` (one entry per top-level term). No work budget: the answer is exact.
 */
import type { Dialect, RuleSet } from "@emqx-acl/core";
import { analyzeReachability, type ReachabilityResult } from "./reachability/reachability";
import type { CancelToken } from "./lint/cancel";

export interface RuleSetAnalysis {
  engine: Dialect;
  rules: ReachabilityResult[];
}

export interface RuleSetOptions {
  profile?: "legacy" | "hardened";
  /** Progress callback (rules done, total); the caller decides where it goes. */
  progress?: (done: number, total: number) => void;
  /** Stops the analysis (throws `AnalysisCancelled`) once cancelled. */
  cancel?: CancelToken;
}

/** Reachability per rule; a rule set that failed to load has no rules to analyse. */
export function analyzeRuleSet(ruleSet: RuleSet, options: RuleSetOptions = {}): RuleSetAnalysis {
  const rules = analyzeReachability(ruleSet.rules, {
    dialect: ruleSet.dialect,
    profile: options.profile,
    onProgress: options.progress,
    cancel: options.cancel,
  });
  return { engine: ruleSet.dialect, rules };
}
