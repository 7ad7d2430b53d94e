import { dialectsFrom, showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { leafConditions, topicItems } from "./util";

/** `"gw-*"`: shell-style globs mean nothing to EMQX. */
export const rule = defineRule({
  id: "glob-in-exact-match",
  category: "correctness",
  defaultSeverity: "warning",
  summary: "`*` or `?` in a username, client id or topic is a literal character, not a wildcard.",
  rationale:
    'EMQX has no glob patterns: `{clientid, "gw-*"}` matches only the client id `gw-*`, and the topic `sensors/*` only a level that is literally `*`. Use `{clientid, {re, "^gw-"}}` for a prefix and `+` / `#` in topics.',
  examples: {
    bad: '{allow, {clientid, "gw-*"}, publish, ["sensors/*"]}.',
    good: '{allow, {clientid, {re, "^gw-"}}, publish, ["sensors/+"]}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules) {
      for (const c of leafConditions(r.who))
        if ("match" in c && c.match.kind === "exact" && /[*?]/.test(c.match.value))
          out.push({
            message: `"${showBytes(c.match.value)}" is compared literally: * and ? are not wildcards in EMQX`,
            start: c.start,
            end: c.end,
            term: r.index,
          });
      for (const t of topicItems(r))
        if ("words" in t && t.words.some((w) => typeof w === "string" && /^[*?]$|\*/.test(w)))
          out.push({
            message: `"${showBytes(t.text)}": * is a literal character in MQTT topics; use + (one level) or # (all levels)`,
            start: t.start,
            end: t.end,
            term: r.index,
          });
    }
    return out;
  },
});
