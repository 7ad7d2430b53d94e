import { dialectsFrom, regexLiteralText, showBytes } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { regexUses } from "./regex-util";

/** `{re, "admin"}`: a regex with no metacharacters, probably meant as an exact match. */
export const rule = defineRule({
  id: "regex-looks-literal",
  category: "security",
  defaultSeverity: "warning",
  summary: "The regex has no metacharacters: it matches every value that contains the text, not just the value itself.",
  rationale:
    '`{username, {re, "admin"}}` reads like an exact match but is a substring search: `xadminx` matches too. Use the exact form `{username, "admin"}`, or anchor the regex (`^admin\\z`: `$` also matches before a final newline). The check reads the parsed pattern: escaped text such as `ops\\.team` is plain text too.',
  examples: {
    bad: '{allow, {username, {re, "admin"}}, all, ["#"]}.',
    good: '{allow, {username, "admin"}, all, ["#"]}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const u of regexUses(r)) {
        const text = regexLiteralText(u.pattern);
        if (text === null) continue;
        out.push({
          message: `regex "${showBytes(u.pattern)}" matches every ${u.field} containing "${showBytes(text)}"; use an exact match or ^${showBytes(u.pattern)}\\z`,
          start: u.condition.start,
          end: u.condition.end,
          term: r.index,
        });
      }
    return out;
  },
});
