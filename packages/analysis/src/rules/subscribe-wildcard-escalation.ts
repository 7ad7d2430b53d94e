import { showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";

/** An allow-subscribe filter ending in `+` also grants the `#` filter at that level. */
export const rule = defineRule({
  id: "subscribe-wildcard-escalation",
  category: "security",
  defaultSeverity: "warning",
  summary: "A subscribe rule ending in `+` also lets clients subscribe with `#` at that level (`a/+` grants `a/#`).",
  rationale:
    'EMQX authorises a SUBSCRIBE by matching the client\'s filter as if it were a topic name: the client\'s `#` is an ordinary word that the rule\'s `+` consumes. So `{allow, …, subscribe, ["a/+"]}` also authorises the filter `a/#`, which receives messages from every deeper level, not just one. Deny the `#` form explicitly before the rule (`{deny, all, subscribe, [{eq, "a/#"}]}`) or restructure the topics; a rule after such a deny is not reported.',
  examples: {
    bad: '{allow, all, subscribe, ["sensors/+"]}.',
    good: '{deny, all, subscribe, [{eq, "sensors/#"}]}.\n{allow, all, subscribe, ["sensors/+"]}.',
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    // `#` filters every client is denied, by earlier rules (the mitigation the rationale gives)
    const denied = new Set<string>();
    for (const r of ctx.rules) {
      if (r.permission === "deny" && r.action.subscribe && r.who.kind === "all" && r.topics.kind === "list") {
        for (const t of r.topics.items) if (t.kind === "eq") denied.add(t.text);
        continue;
      }
      if (r.permission !== "allow" || !r.action.subscribe) continue;
      for (const t of topicItems(r)) {
        if (t.kind !== "filter" && t.kind !== "level-template") continue;
        const w = t.words;
        if (w[w.length - 1] !== "+") continue;
        const grant = [...w.slice(0, -1).map((x) => (typeof x === "string" ? x : x.raw)), "#"].join("/");
        if (t.kind === "filter" && denied.has(grant)) continue;
        out.push({
          message: `"${showBytes(t.text)}" also authorises subscribing to "${showBytes(grant)}": the client's # is matched by the +, and that subscription receives every deeper level`,
          start: t.start,
          end: t.end,
          term: r.index,
        });
      }
    }
    return out;
  },
});
