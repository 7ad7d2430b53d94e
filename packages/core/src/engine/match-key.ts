/**
 * `matchKey(rule)`: a string that two rules of one rule set share only when they match
 * exactly the same requests the same way — everything `matchRule` and `outcomeDecision`
 * read except the rule's position (permission, action, who, topics; not spans, not the
 * `{P, all}` shorthand flag). Names, patterns and texts are length-prefixed, so the key
 * of one part never runs into the next.
 */
import type { Condition, NameMatch, Rule, TopicPattern } from "../model/rule";

const str = (s: string) => `${s.length}:${s}`;

function nameKey(m: NameMatch): string {
  return m.kind === "exact" ? `=${str(m.value)}` : `~${str(m.pattern)}`;
}

function conditionKey(c: Condition): string {
  switch (c.kind) {
    case "all":
      return "all";
    case "username":
    case "clientid":
    case "zone":
    case "listener":
      return `${c.kind}(${nameKey(c.match)})`;
    case "client_attr":
      return `attr(${str(c.name)}${nameKey(c.match)})`;
    case "ipaddr":
      // a CIDR's text determines all of it (family, network, the mask EMQX applies)
      return `ip(${c.cidrs.map((x) => str(x.text)).join("")})`;
    case "security_profile":
      return `profile(${c.profile})`;
    case "and":
    case "or":
      return `${c.kind}(${c.items.map(conditionKey).join(",")})`;
  }
}

/** Within one rule set (one dialect) a pattern's kind and text determine its words or parts. */
function topicKey(t: TopicPattern): string {
  return `${t.kind}(${str(t.text)})`;
}

export function matchKey(rule: Rule): string {
  const a = rule.action;
  const topics = rule.topics.kind === "all" ? "all" : `[${rule.topics.items.map(topicKey).join(",")}]`;
  return `${rule.permission}|${a.publish ? "p" : ""}${a.subscribe ? "s" : ""}|${a.qos.join("")}|${a.retain}|${conditionKey(rule.who)}|${topics}`;
}

/**
 * The rules that can decide anything: a rule that matches exactly as an earlier one does
 * never decides — the earlier one has the same outcome on every request and comes first.
 * Real files repeat rules (the fleet file holds 58 copies of `{allow, all, subscribe,
 * ["+/status"]}`): a request no longer tests every copy.
 */
export function firstOfEachMatch(rules: readonly Rule[]): Rule[] {
  const seen = new Set<string>();
  const out: Rule[] = [];
  for (const r of rules) {
    const key = matchKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
