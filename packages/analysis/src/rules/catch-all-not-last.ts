import { dialectsFrom } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { isCatchAll } from "./util";

/** A rule matching every request, followed by more rules. */
export const rule = defineRule({
  id: "catch-all-not-last",
  category: "reachability",
  defaultSeverity: "warning",
  summary: "A rule that matches every request is followed by rules that can therefore never fire.",
  rationale:
    "`{allow, all}` / `{deny, all}` (or a rule for every client, action and topic) decides every request. Anything after it is dead: usually the catch-all was meant to be the last line, or a rule was appended at the end of the file instead of before the default.",
  examples: {
    bad: '{deny, all}.\n{allow, {username, "admin"}, all, ["#"]}.',
    good: '{allow, {username, "admin"}, all, ["#"]}.\n{deny, all}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  check(ctx) {
    const out: Finding[] = [];
    const i = ctx.rules.findIndex((r) => isCatchAll(r, ctx.dialect));
    if (i < 0 || i === ctx.rules.length - 1) return out;
    const r = ctx.rules[i];
    const later = ctx.rules.slice(i + 1);
    out.push({
      message: `rule ${r.index} matches every request, so the ${later.length} rule(s) after it can never fire`,
      start: r.start,
      end: r.end,
      term: r.index,
      related: later
        .slice(0, 5)
        .map((l) => ({ start: l.start, end: l.end, message: `rule ${l.index} is never consulted` })),
    });
    return out;
  },
});
