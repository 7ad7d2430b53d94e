import { dialectsWhere, isAllowedPlaceholder, showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";

/** `${…}` that EMQX does not substitute in acl.conf topics. */
export const rule = defineRule({
  id: "placeholder-unknown",
  category: "correctness",
  defaultSeverity: "warning",
  summary: "A `${…}` placeholder that EMQX does not substitute in acl.conf topics is matched as literal text.",
  rationale:
    "Only `${username}`, `${clientid}`, `${cert_common_name}`, `${zone}` and `${client_attrs.NAME}` are rendered in file rules (EMQX 5.8). Anything else — `${peerhost}`, `${Username}`, `${ username }` — stays in the topic as the literal characters, so the rule only matches a topic that literally contains them.",
  dialects: dialectsWhere((c) => c.placeholders === "template"),
  examples: {
    bad: '{allow, all, publish, ["up/${peerhost}/#"]}.',
    good: '{allow, all, publish, ["up/${clientid}/#"]}.',
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const t of topicItems(r)) {
        if (t.kind === "eq") continue;
        for (const m of t.text.matchAll(/\$\{([^}]*)\}/g)) {
          const name = m[1].replace(/^\./, "");
          if (m[1] === "$" || isAllowedPlaceholder(name)) continue;
          out.push({
            message: `${showBytes(m[0])} is not a placeholder EMQX substitutes here; it is matched as the literal text "${showBytes(m[0])}"`,
            start: t.start,
            end: t.end,
            term: r.index,
          });
          break;
        }
      }
    return out;
  },
});
