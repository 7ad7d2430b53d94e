import { dialectsFrom } from "@emqx-acl/core";
import { defineRule } from "../lint/types";

/** A rule whose topic list is empty. */
export const rule = defineRule({
  id: "empty-topic-list",
  category: "correctness",
  defaultSeverity: "warning",
  summary: "An empty topic list matches no topic: the rule never fires.",
  rationale:
    'A rule matches when at least one of its topics matches; with `[]` there is none. Use `all` (EMQX 5.8.9+) or `["#"]` if every topic was meant.',
  examples: {
    bad: '{deny, {username, "guest"}, publish, []}.',
    good: '{deny, {username, "guest"}, publish, ["#"]}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    return ctx.rules
      .filter((r) => r.topics.kind === "list" && r.topics.items.length === 0)
      .map((r) => ({
        message: `rule ${r.index} has an empty topic list and never matches`,
        start: r.topics.start,
        end: r.topics.end,
        term: r.index,
      }));
  },
});
