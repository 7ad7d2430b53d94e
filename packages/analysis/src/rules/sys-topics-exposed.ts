import { capabilities, showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems, whoIsAll } from "./util";

/** Every client may subscribe to `$SYS` topics. */
export const rule = defineRule({
  id: "sys-topics-exposed",
  category: "security",
  defaultSeverity: "warning",
  summary: "The rule lets every client subscribe to `$SYS/#` broker topics.",
  rationale:
    "`$SYS/…` topics publish broker internals: client connects and disconnects with client ids and IP addresses, subscriptions, node names and versions. EMQX's own default file allows them only to `dashboard` and localhost. Restrict the rule to an admin user or network. In EMQX 4 a leading `#` or `+` also matches `$SYS` topics.",
  examples: {
    bad: '{allow, all, subscribe, ["$SYS/#"]}.',
    good: '{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.',
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules) {
      if (r.permission !== "allow" || !r.action.subscribe || !whoIsAll(r.who)) continue;
      if (r.topics.kind === "all") {
        if (!r.shorthand)
          out.push({
            message: "every client may subscribe to every topic, including $SYS/#",
            start: r.topics.start,
            end: r.topics.end,
            term: r.index,
          });
        continue;
      }
      for (const t of topicItems(r)) {
        if (!("words" in t) || t.kind === "eq") continue;
        const first = t.words[0];
        const sys = first === "$SYS" || (!capabilities(ctx.dialect).dollarGuard && (first === "#" || first === "+"));
        if (sys)
          out.push({
            message: `every client may subscribe to "${showBytes(t.text)}", which includes broker-internal $SYS topics`,
            start: t.start,
            end: t.end,
            term: r.index,
          });
      }
    }
    return out;
  },
});
