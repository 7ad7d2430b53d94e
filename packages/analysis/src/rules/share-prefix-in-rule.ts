import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";

/** Rule topics written with a shared-subscription prefix. */
export const rule = defineRule({
  id: "share-prefix-in-rule",
  category: "correctness",
  defaultSeverity: "warning",
  summary: "`$share/<group>/…` (and `$queue/…`, `$exclusive/…`) never reaches the rules: the broker strips the prefix first.",
  rationale:
    "For a SUBSCRIBE to `$share/g/jobs/#` EMQX authorises `jobs/#`; the group name is not visible to authorization. A rule about `$share/g/jobs/#` therefore never matches a subscription. Write the rule for the real filter (`jobs/#`).",
  examples: { bad: '{allow, all, subscribe, ["$share/workers/jobs/#"]}.', good: '{allow, all, subscribe, ["jobs/#"]}.' },
  fixable: false,
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const t of topicItems(r)) {
        if (!("text" in t)) continue;
        const m = /^\$(share\/[^/]*|queue|exclusive)\/(.*)$/s.exec(t.text);
        if (!m) continue;
        const real = m[1].startsWith("share") ? m[2] : m[2];
        out.push({ message: `"${t.text}" never matches: the broker strips the prefix and authorises "${real}"`, start: t.start, end: t.end, term: r.index });
      }
    return out;
  },
});
