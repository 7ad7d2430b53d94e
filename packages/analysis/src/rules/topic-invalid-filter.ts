import { showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";
import { emptyTopicReachable } from "../reachability/topic-tree";

/** A rule topic no valid MQTT topic or filter can match. */
export const rule = defineRule({
  id: "topic-invalid-filter",
  category: "correctness",
  defaultSeverity: "warning",
  summary:
    "The topic is not a valid MQTT filter (`#` not last, `+`/`#` inside a level, empty), so it never matches a real request.",
  rationale:
    "EMQX does not validate rule topics: `a/#/b` and `a/b#` load fine, but clients can only publish valid names and subscribe to valid filters, so such a topic can never match (EMQX compares `a+b` as plain text, and a `#` in the middle only equals a literal `#` level no valid request has).",
  examples: {
    bad: '{allow, all, subscribe, ["sensors/#/temp"]}.',
    good: '{allow, all, subscribe, ["sensors/+/temp"]}.',
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const t of topicItems(r)) {
        if (t.kind === "text-template") continue;
        const words = t.words.map((w) => (typeof w === "string" ? w : "x"));
        let why: string | null = null;
        if (t.text === "") {
          // `$queue/` (subscribe) and v5/v6 `$delayed/<n>/` leave the empty topic to authorise
          const reached = emptyTopicReachable(r.action.subscribe ? "subscribe" : "publish", ctx.dialect);
          if (reached)
            out.push({
              message: `"" only matches the empty topic, which the broker authorises only as what is left of ${r.action.subscribe ? '"$queue/"' : '"$delayed/<n>/"'}`,
              start: t.start,
              end: t.end,
              term: r.index,
            });
          else why = "the empty topic";
        } else if (t.kind !== "eq" && words.slice(0, -1).includes("#")) why = "`#` must be the last level";
        else if (words.some((w) => w !== "+" && w !== "#" && /[+#]/.test(w)))
          why = "`+` and `#` must stand alone in a level";
        else if (t.kind === "eq" && words.some((w) => w === "#") && words.indexOf("#") !== words.length - 1)
          why = "`#` must be the last level";
        if (why)
          out.push({
            message: `"${showBytes(t.text)}" can never match a request: ${why}`,
            start: t.start,
            end: t.end,
            term: r.index,
          });
      }
    return out;
  },
});
