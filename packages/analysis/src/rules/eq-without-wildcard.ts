import { showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";

/** `{eq, T}` where T has no wildcard. */
export const rule = defineRule({
  id: "eq-without-wildcard",
  category: "style",
  defaultSeverity: "info",
  summary: "`{eq, T}` only differs from a plain topic when T contains `+` or `#`.",
  rationale:
    '`eq` exists to match a wildcard filter literally (`{eq, "a/#"}` matches only a subscription to exactly `a/#`). Without a wildcard it means the same as the plain topic, except that it also turns off placeholders — which is easy to misread.',
  examples: {
    bad: '{allow, all, publish, [{eq, "status/online"}]}.',
    good: '{allow, all, publish, ["status/online"]}.',
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const t of topicItems(r)) {
        if (t.kind !== "eq" || t.words.some((w) => w === "+" || w === "#")) continue;
        out.push({
          message: `{eq, "${showBytes(t.text)}"} has no wildcard: it matches the same topic as "${showBytes(t.text)}"`,
          start: t.start,
          end: t.end,
          term: r.index,
        });
      }
    return out;
  },
});
