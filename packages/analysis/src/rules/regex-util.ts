/** Regex conditions of a rule, with their pattern text. */
import type { Condition, Rule } from "@emqx-acl/core";
import { leafConditions } from "./util";

export interface RegexUse {
  condition: Condition;
  pattern: string;
  field: string;
}

/** Every `{re, R}` in the rule's who. */
export function regexUses(r: Rule): RegexUse[] {
  const out: RegexUse[] = [];
  for (const c of leafConditions(r.who))
    if ("match" in c && c.match.kind === "re")
      out.push({
        condition: c,
        pattern: c.match.pattern,
        field: c.kind === "client_attr" ? `client attribute ${c.name}` : c.kind,
      });
  return out;
}
