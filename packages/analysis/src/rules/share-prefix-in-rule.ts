import { showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";

/** Rule topics written with a shared-subscription prefix. */
export const rule = defineRule({
  id: "share-prefix-in-rule",
  category: "correctness",
  defaultSeverity: "warning",
  summary:
    "`$share/<group>/…` (and `$queue/…`, `$exclusive/…`) in a rule does not match the shared subscription it names: the broker strips the prefix first.",
  rationale:
    "For a SUBSCRIBE to `$share/g/jobs/#` EMQX authorises `jobs/#` (`emqx_topic:parse/2` strips one `$share/<group>/`, `$queue/` or `$exclusive/` prefix); the group name is not visible to authorization. A rule about `$share/g/jobs/#` only matches what is authorised under that literal name — a subscription sent as `$exclusive/$share/g/jobs/#` (EMQX 5/6 also `$delayed/<n>/$share/g/jobs/#`), or a PUBLISH to that name — never the shared subscription itself. Write the rule for the real filter (`jobs/#`).",
  examples: {
    bad: '{allow, all, subscribe, ["$share/workers/jobs/#"]}.',
    good: '{allow, all, subscribe, ["jobs/#"]}.',
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const t of topicItems(r)) {
        if (!("text" in t)) continue;
        const m = /^\$(share\/[^/]*|queue|exclusive)\/(.*)$/s.exec(t.text);
        if (!m) continue;
        out.push({
          message: `"${showBytes(t.text)}" does not match a subscription to "${showBytes(t.text)}": the broker strips the prefix and authorises "${showBytes(m[2])}"`,
          start: t.start,
          end: t.end,
          term: r.index,
        });
      }
    return out;
  },
});
