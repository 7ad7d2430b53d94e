import { dialectsWhere, showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";

/** EMQX 5 `${…}` placeholders in an EMQX 4 file. */
export const rule = defineRule({
  id: "v5-syntax-in-v4",
  category: "compatibility",
  defaultSeverity: "warning",
  summary: "EMQX 5 placeholders (`${username}`, `${clientid}`) are literal text in EMQX 4.",
  rationale:
    "EMQX 4 only substitutes whole topic levels written `%u`, `%c`, `%cida` or `%cna`. A rule copied from EMQX 5 documentation such as `users/${username}/#` matches only the literal topic with the characters `${username}` on EMQX 4.",
  dialects: dialectsWhere((c) => c.placeholders === "percent"),
  examples: { bad: '{allow, all, publish, ["users/${username}/#"]}.', good: '{allow, all, publish, ["users/%u/#"]}.' },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const t of topicItems(r)) {
        if (!("text" in t)) continue;
        const m = /\$\{[^}]*\}/.exec(t.text);
        if (!m) continue;
        out.push({
          message: `${showBytes(m[0])} is EMQX 5 syntax; EMQX 4 matches it as literal text (use %u / %c as a whole level)`,
          start: t.start,
          end: t.end,
          term: r.index,
        });
      }
    return out;
  },
});
