import { dialectsFrom, showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { leafConditions } from "./util";

/** Placeholders written in a who condition are plain text there. */
export const rule = defineRule({
  id: "placeholder-in-who",
  category: "correctness",
  defaultSeverity: "warning",
  summary: "Placeholders are only rendered in topics; in a username/clientid condition they are literal text.",
  rationale:
    '`{username, "${clientid}"}` does not compare the username with the client id: it matches only a client whose username is literally `${clientid}`. To tie a topic to the client, put the placeholder in the topic (`["devices/${clientid}/#"]`).',
  examples: {
    bad: '{allow, {username, "${clientid}"}, all, ["#"]}.',
    good: '{allow, all, all, ["devices/${clientid}/#"]}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const c of leafConditions(r.who)) {
        if (!("match" in c) || c.match.kind !== "exact") continue;
        const v = c.match.value;
        if (!/\$\{[^}]*\}/.test(v) && !/^%(u|c|cida|cna)$/.test(v)) continue;
        out.push({
          message: `"${showBytes(v)}" is compared literally: placeholders are only rendered in topics`,
          start: c.start,
          end: c.end,
          term: r.index,
        });
      }
    return out;
  },
});
