import { dialectsFrom } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { reachStatuses, removeRuleEdit } from "./util";

/** A reachable rule whose removal changes no decision. */
export const rule = defineRule({
  id: "rule-redundant",
  category: "reachability",
  defaultSeverity: "warning",
  summary: "Removing the rule changes no decision: later rules decide its requests the same way.",
  rationale:
    "A rule can fire and still be useless: when every request it decides would get the same answer from the rules after it, it only adds length (and a place for future edits to go wrong). This is Liu and Gouda's redundancy: the file means exactly the same without it. Only the rules whose clients and topics can meet the rule are consulted (found through indexes), so large files are checked too; the check shares lint's work budget, and when that runs out the remaining rules are not checked (analysis-incomplete says from which rule on; never a guessed finding).",
  examples: {
    bad: '{deny, {username, "guest"}, publish, ["#"]}.\n{deny, all, publish, ["#"]}.',
    good: '{deny, all, publish, ["#"]}.',
    // written in EMQX 5 syntax
    dialects: dialectsFrom("v5"),
  },
  fixable: true,
  exactChecks: true,
  check(ctx) {
    const out: Finding[] = [];
    const status = reachStatuses(ctx);
    for (let i = 0; i < ctx.rules.length; i++) {
      const r = ctx.rules[i];
      if (status[i] !== "reachable") continue;
      if (!ctx.redundant(r)?.redundant) continue;
      out.push({
        message: `rule ${r.index} is redundant: without it every request gets the same decision from the rules after it`,
        start: r.start,
        end: r.end,
        term: r.index,
        fix: { title: `Remove redundant rule ${r.index}`, edits: [removeRuleEdit(ctx, r)] },
      });
    }
    return out;
  },
});
