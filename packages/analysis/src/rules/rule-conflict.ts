import { dialectsFrom } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { isCatchAll, reachStatuses, ruleRef } from "./util";

/** Overlapping rules named in the message, and given as related locations. */
const NAMED = 5;
const RELATED = 50;

/** A rule overlapping an earlier rule of the opposite permission. */
export const rule = defineRule({
  id: "rule-conflict",
  category: "reachability",
  defaultSeverity: "info",
  summary: "The rule overlaps an earlier rule with the opposite permission, so their order decides some requests.",
  rationale:
    "When an allow and a deny rule both match some requests, the earlier one wins for those requests. That is often intended (an exception before a general rule), but it is worth knowing which requests the order decides: swapping the two rules would change the answer. Catch-all rules at the end of the file are not reported, nor earlier rules that can never fire (rule-unreachable reports those). The message names the first five overlapping rules (and counts the others). Only the rules whose clients and topics can meet are compared (found through indexes), so large files are checked too; the check shares lint's work budget, and when that runs out the remaining rules are not checked (analysis-incomplete says from which rule on).",
  examples: {
    bad: '{allow, {username, "guest"}, publish, ["sensors/#"]}.\n{deny, all, publish, ["sensors/+/cmd"]}.',
    good: '{deny, {username, "guest"}, publish, ["sensors/+/cmd"]}.\n{allow, all, publish, ["sensors/+/data"]}.',
    // written in EMQX 5 syntax
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  exactChecks: true,
  check(ctx) {
    if (ctx.rules.length < 2) return [];
    const status = reachStatuses(ctx);
    const out: Finding[] = [];
    for (let i = 0; i < ctx.rules.length; i++) {
      const rk = ctx.rules[i];
      if (status[i] !== "reachable" || isCatchAll(rk, ctx.dialect)) continue;
      const others = ctx.conflicts(rk);
      if (!others?.length) continue;
      // large files can have thousands of overlaps per rule: name the first few
      const named = others.slice(0, NAMED);
      const more = others.length > NAMED ? ` and ${others.length - NAMED} more` : "";
      out.push({
        message: `rule ${rk.index} (${rk.permission}) overlaps ${named.map((o) => `${ruleRef(ctx, o)} (${o.permission})`).join(", ")}${more}: for the requests both match, the earlier rule wins`,
        start: rk.start,
        end: rk.end,
        term: rk.index,
        related: others
          .slice(0, RELATED)
          .map((o) => ({ start: o.start, end: o.end, message: `${o.permission}s some of the same requests first` })),
      });
    }
    return out;
  },
});
