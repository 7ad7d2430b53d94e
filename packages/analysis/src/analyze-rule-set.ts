/**
 * `analyzeRuleSet`: reachability of every rule of a loaded file, in the JSON shape of
 * `emqx-acl analyze` (one entry per top-level term). No work budget: the answer is exact.
 */
import type { Dialect, RuleSet } from "@emqx-acl/core";
import { analyzeReachability, type ReachabilityResult } from "./reachability/reachability";

export interface RuleSetAnalysis {
  engine: Dialect;
  rules: ReachabilityResult[];
}

export interface RuleSetOptions {
  profile?: "legacy" | "hardened";
  /**
   * Progress callback (rules done, total). By default progress goes to stderr when stderr
   * is a terminal (a long analysis must not look hung); null turns it off.
   */
  progress?: ((done: number, total: number) => void) | null;
}

/** Reachability per rule; a rule set that failed to load has no rules to analyse. */
export function analyzeRuleSet(ruleSet: RuleSet, options: RuleSetOptions = {}): RuleSetAnalysis {
  const progress = options.progress === undefined ? ttyProgress() : options.progress;
  const rules = analyzeReachability(ruleSet.rules, { dialect: ruleSet.dialect, profile: options.profile, onProgress: progress ?? undefined });
  progress?.(-1, ruleSet.rules.length);
  return { engine: ruleSet.dialect, rules };
}

/** Progress on stderr when it is a TTY: shown after a second, rewritten in place, cleared at the end (done = -1). */
export function ttyProgress(stream: NodeJS.WriteStream | undefined = globalThis.process?.stderr): ((done: number, total: number) => void) | null {
  if (!stream?.isTTY) return null;
  const start = Date.now();
  let shown = false;
  return (done, total) => {
    if (done < 0) {
      if (shown) stream.write("\r\x1b[K");
      return;
    }
    if (Date.now() - start < 1000) return;
    shown = true;
    stream.write(`\ranalysing reachability: ${done}/${total} rules (${Math.floor((done / total) * 100)}%)\x1b[K`);
  };
}
