/** The reference decision: every rule in file order, first match wins. */
import type { Decision, Request } from "../model/request";
import type { RuleSet } from "../model/rule";
import { matchRule, type EngineOptions } from "./match-rule";
import { prepareRequest } from "./prepare";
import { NOMATCH, outcomeDecision } from "./decide";

/** Decides one request with a plain scan over the rules (EMQX's own algorithm). */
export function decideLinear(ruleSet: RuleSet, request: Request, options: EngineOptions = {}): Decision {
  const p = prepareRequest(request, ruleSet.dialect);
  if (p.refused !== null) return { decision: "deny", rule: null, note: p.refused };
  for (const rule of ruleSet.rules) {
    const d = outcomeDecision(rule, matchRule(rule, p, ruleSet.dialect, options), options);
    if (d !== null) return d;
  }
  return NOMATCH;
}
