/**
 * First-match questions the incremental lint asks about one concrete request: which rule
 * at or after a position decides it (the indexed walk of `compileDecider`, started later),
 * and what one rule alone does with it. Lint keeps, per rule, a request the rule decides
 * and the rule that would decide it next; an edit elsewhere only has to test its own rules
 * against that request to know whether the rule's verdicts still stand.
 */
import { lowerBound } from "@emqx-acl/syntax";
import type { Dialect, Rule } from "../model/rule";
import { matchRule, type EngineOptions } from "./match-rule";
import { prepareRequest, type PreparedRequest } from "./prepare";
import { outcomeDecision } from "./decide";
import { buildIndex, candidates } from "./rule-index";
import { runsHardened } from "../model/dialects";

/** What one rule does with a request: decides it, lets it pass, or cannot tell (a regex). */
export type RuleVerdict = "decides" | "passes" | "unknown";

export function ruleVerdict(
  rule: Rule,
  p: PreparedRequest,
  dialect: Dialect,
  options: EngineOptions = {},
): RuleVerdict {
  const d = outcomeDecision(rule, matchRule(rule, p, dialect, options), options);
  return d === null ? "passes" : d.decision === "unknown" ? "unknown" : "decides";
}

export { prepareRequest, type PreparedRequest };

export interface FirstMatch {
  /**
   * Position of the first rule at or after `from` that decides the request, -1 when none
   * does, null when a rule in the way cannot be evaluated (an unsupported regex).
   */
  from(p: PreparedRequest, from: number): number | null;
}

/** Indexes `rules` (in order) for first-match walks from any position. */
export function compileFirstMatch(rules: readonly Rule[], dialect: Dialect, options: EngineOptions = {}): FirstMatch {
  const idx = buildIndex(rules, runsHardened(dialect, options.securityProfile));
  const lists: number[][] = [];
  return {
    from(p, from) {
      if (p.refused !== null) return null;
      const n = candidates(idx, p, lists);
      let best = -1;
      for (let k = 0; k < n; k++) {
        const l = lists[k];
        // each list is sorted: the first candidate at or after `from` that decides
        for (let i = lowerBound(l, from); i < l.length && (best < 0 || l[i] < best); i++) {
          const v = ruleVerdict(rules[l[i]], p, dialect, options);
          if (v === "unknown") return null;
          if (v === "decides") {
            best = l[i];
            break;
          }
        }
      }
      return best;
    },
  };
}
