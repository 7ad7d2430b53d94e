import { showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";

/** The same topic twice in one rule. */
export const rule = defineRule({
  id: "duplicate-topic",
  category: "style",
  defaultSeverity: "info",
  summary: "The same topic appears twice in one rule's list.",
  rationale:
    "Repeating a topic has no effect; it usually hides a copy-paste mistake where one of the two was meant to be different.",
  examples: { bad: '{allow, all, publish, ["a/b", "a/b"]}.', good: '{allow, all, publish, ["a/b", "a/c"]}.' },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules) {
      const seen = new Set<string>();
      for (const t of topicItems(r)) {
        const key = `${t.kind === "eq" ? "eq" : "t"}:${t.text}`;
        if (seen.has(key))
          out.push({
            message: `"${showBytes(t.text)}" is already listed in this rule`,
            start: t.start,
            end: t.end,
            term: r.index,
          });
        seen.add(key);
      }
    }
    return out;
  },
});
