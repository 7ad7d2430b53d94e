/**
 * Turning rule outcomes into decisions, shared by the linear scan and the index.
 */
import type { Decision } from "../model/request";
import type { Rule } from "../model/rule";
import type { EngineOptions, RuleOutcome } from "./match-rule";

/**
 * The decision for a rule outcome, or null to go on with the next rule.
 * v6 abort: `legacy` ⇒ this rule does not match; `hardened` ⇒ `{matched, deny}`.
 */
export function outcomeDecision(rule: Rule, o: RuleOutcome, opts: EngineOptions): Decision | null {
  switch (o.kind) {
    case "match":
      return { decision: rule.permission, rule: rule.index };
    case "miss":
      return null;
    case "unknown":
      return { decision: "unknown", rule: rule.index, note: o.reason };
    case "abort":
      // only v6 rules produce aborts (v4 turns them into misses)
      return opts.securityProfile === "hardened" ? { decision: "deny", rule: rule.index } : null;
  }
}

export const NOMATCH: Decision = { decision: "nomatch", rule: null };
