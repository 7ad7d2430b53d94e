import { defineRule, type Finding } from "../lint/types";
import { dialectsFrom, regexRedosRisk, showBytes } from "@emqx-acl/core";
import { regexUses } from "./regex-util";

/** Nested or overlapping quantifiers: exponential backtracking on crafted input. */
export const rule = defineRule({
  id: "regex-redos",
  category: "security",
  defaultSeverity: "warning",
  summary:
    "The regex nests quantifiers (`(a+)+`, `(.*)*`) or repeats alternatives that match the same text (`(a|a)*`): a crafted username or client id can make matching take exponential time.",
  rationale:
    "Erlang's `re` is a backtracking engine. Patterns with a quantified group that itself contains a quantifier can take exponential time on inputs that almost match, and EMQX evaluates the regex on every publish and subscribe of the client. Repeated alternatives that can match the same text (`(a|a)*`, `(a|ab)+`) do the same. EMQX's `re:run` stops at PCRE's match limit and answers no match, so such a rule also silently stops matching. Rewrite the pattern without nested repetition (`^a+$` instead of `^(a+)+$`). The check reads the parsed pattern; it is a heuristic that can miss risks.",
  examples: {
    bad: '{allow, {clientid, {re, "^(a+)+$"}}, all, ["#"]}.',
    good: '{allow, {clientid, {re, "^a+$"}}, all, ["#"]}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const u of regexUses(r)) {
        const risk = regexRedosRisk(u.pattern);
        if (!risk) continue;
        out.push({
          message: `regex "${showBytes(u.pattern)}" has ${risk.reason}: a crafted value can make it backtrack exponentially (EMQX's re:run then stops at its match limit and answers no match)`,
          start: u.condition.start,
          end: u.condition.end,
          term: r.index,
        });
      }
    return out;
  },
});
