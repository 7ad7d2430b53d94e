import { dialectsWhere, showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { conditionKeepsValueSafe } from "../lint/placeholder-value-safety";
import { topicItems } from "./util";

const RISKY = new Set(["username", "clientid", "cert_common_name"]);

/** A v5 allow rule whose placeholder value may carry `+`, `#` or `/`. */
export const rule = defineRule({
  id: "placeholder-wildcard-injection",
  category: "security",
  defaultSeverity: "warning",
  summary: "A client-chosen value rendered into an allow rule's topic can contain `+`, `#` or `/` and widen the rule.",
  rationale:
    'EMQX 5 substitutes `${username}`, `${clientid}` and client attributes verbatim before splitting the topic into levels. A client that connects with the username `#` turns `devices/${username}/#` into `devices/#/#` and `t/${username}` into `t/#`: it may publish or subscribe under every other client\'s tree. EMQX 6 rejects such values by default (`authorization.topic_template_allow`); on EMQX 5, restrict the characters at authentication, or check the value with a `{username, {re, "^[A-Za-z0-9_-]+$"}}` condition.',
  dialects: dialectsWhere((c) => c.placeholders === "template" && !c.templateGuard),
  examples: {
    bad: '{allow, all, all, ["devices/${username}/#"]}.',
    good: '{allow, {username, {re, "^[A-Za-z0-9_-]+$"}}, all, ["devices/${username}/#"]}.',
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules) {
      if (r.permission !== "allow") continue;
      for (const t of topicItems(r)) {
        if (t.kind !== "text-template") continue;
        const refs = t.parts.filter((p) => typeof p !== "string").map((p) => p as { placeholder: string; raw: string });
        const risky = refs.find(
          (p) =>
            (RISKY.has(p.placeholder) || p.placeholder.startsWith("client_attrs.")) &&
            !conditionKeepsValueSafe(r.who, p.placeholder),
        );
        if (!risky) continue;
        out.push({
          message: `${risky.raw} is inserted verbatim: a client whose value is "#" or contains "+" or "/" widens "${showBytes(t.text)}" to other clients' topics`,
          start: t.start,
          end: t.end,
          term: r.index,
        });
      }
    }
    return out;
  },
});
