/**
 * `explain`: the decision plus, for every earlier rule, the first reason it did not match
 * (action, who or topic — with rendered topics when a placeholder was involved).
 */
import type { Decision, Request } from "../model/request";
import type { Rule, RuleSet } from "../model/rule";
import { matchRule, type EngineOptions, type TopicNote } from "./match-rule";
import { prepareRequest } from "./prepare";
import { NOMATCH, outcomeDecision } from "./decide";
import { describeMiss } from "./describe-condition";

export interface RuleMiss {
  rule: number;
  reason: "action" | "who" | "topic" | "render";
  /** Human explanation of the reason. */
  detail: string;
  topics?: TopicNote[];
}

export interface Explanation {
  decision: Decision;
  /** The topic the rules saw after broker pre-processing. */
  topic: string;
  /** The deciding rule, or null. */
  decidingRule: Rule | null;
  misses: RuleMiss[];
}

const WHY = { topic: "no topic of the rule matches" };

function actionMiss(rule: Rule, r: Request): string {
  const a = rule.action;
  const kinds = a.publish && a.subscribe ? "publish and subscribe" : a.publish ? "publish" : "subscribe";
  if (r.action === "publish" ? !a.publish : !a.subscribe) return `the rule covers ${kinds} only, this is a ${r.action}`;
  if (!a.qos.includes(r.qos)) return `QoS ${r.qos} is not in the rule's QoS set [${a.qos.join(", ")}]`;
  return `retain=${r.retain} but the rule requires retain=${a.retain}`;
}

/** Explains one request against a rule set (a full linear scan with tracing). */
export function explainRequest(ruleSet: RuleSet, request: Request, options: EngineOptions = {}): Explanation {
  const p = prepareRequest(request, ruleSet.dialect);
  const misses: RuleMiss[] = [];
  if (p.refused !== null)
    return { decision: { decision: "deny", rule: null, note: p.refused }, topic: p.topic, decidingRule: null, misses };
  for (const rule of ruleSet.rules) {
    const o = matchRule(rule, p, ruleSet.dialect, options, true);
    const d = outcomeDecision(rule, o, options);
    if (d !== null) return { decision: d, topic: p.topic, decidingRule: rule, misses };
    if (o.kind === "miss") {
      const detail =
        o.reason === "who"
          ? describeMiss(rule.who, p, options)
          : o.reason === "action"
            ? actionMiss(rule, request)
            : WHY.topic;
      misses.push({ rule: rule.index, reason: o.reason, detail, topics: o.topics });
    } else if (o.kind === "abort")
      misses.push({ rule: rule.index, reason: "render", detail: `rendering aborted the rule: ${o.reason}` });
  }
  return { decision: NOMATCH, topic: p.topic, decidingRule: null, misses };
}
