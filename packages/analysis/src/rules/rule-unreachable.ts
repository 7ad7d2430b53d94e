import { dialectsFrom } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { removeRuleEdit, ruleNumbered, ruleRef } from "./util";

/** A rule no request can reach: earlier rules decide everything it matches. */
export const rule = defineRule({
  id: "rule-unreachable",
  category: "reachability",
  defaultSeverity: "warning",
  summary: "The rule can never fire: earlier rules decide every request it matches, or it matches no request at all.",
  rationale:
    "EMQX stops at the first matching rule. A rule whose requests are all caught by earlier rules (alone or together) is dead code, and usually a sign that the order is wrong: an exception written after the general rule it was meant to refine. The covering rules are listed as related locations; the check is exact (a rule hidden by the union of several earlier rules is found too).",
  examples: {
    bad: '{deny, all, subscribe, ["sensors/#"]}.\n{allow, {username, "admin"}, subscribe, ["sensors/+/cmd"]}.',
    good: '{allow, {username, "admin"}, subscribe, ["sensors/+/cmd"]}.\n{deny, all, subscribe, ["sensors/#"]}.',
    // written in EMQX 5 syntax
    dialects: dialectsFrom("v5"),
  },
  fixable: true,
  check(ctx) {
    const out: Finding[] = [];
    const numbered = ruleNumbered(ctx.rules);
    for (const res of ctx.reachability()) {
      if (res.status !== "unreachable") continue;
      const r = numbered(res.rule)!;
      const covers = res.coveredBy.map((i) => numbered(i)!);
      const message = covers.length
        ? `rule ${r.index} can never fire: every request it matches is decided earlier by ${covers.map((c) => ruleRef(ctx, c)).join(" and ")}`
        : `rule ${r.index} can never fire: ${res.reason ?? "it matches no request"}`;
      out.push({
        message,
        start: r.start,
        end: r.end,
        term: r.index,
        related: covers.map((c) => ({
          start: c.start,
          end: c.end,
          message: `rule ${c.index} decides these requests first`,
        })),
        fix: { title: `Remove unreachable rule ${r.index}`, edits: [removeRuleEdit(ctx, r)] },
      });
    }
    return out;
  },
});
