import { defineRule, type Finding } from "../lint/types";
import { literalContent } from "./util";
import { anchorRegex, dialectsFrom, regexIsAnchored, regexLiteralText, showBytes } from "@emqx-acl/core";
import { regexUses } from "./regex-util";
import { erlStringBody } from "@emqx-acl/syntax";

/** `{re, R}` without `^…$`: Erlang `re:run` searches anywhere in the value. */
export const rule = defineRule({
  id: "regex-unanchored",
  category: "security",
  defaultSeverity: "warning",
  summary: "The regex is not anchored at the start, so it matches any value that merely contains a match somewhere.",
  rationale:
    'EMQX runs `re:run(Value, Pattern)` which searches for the pattern anywhere: `{username, {re, "admin"}}` matches `notadmin` and `admin-evil`, and `{clientid, {re, "^sensor-"}}` matches any client id starting with `sensor-`. Anchor with `^…\\z` to match whole values (`$` also matches before a final newline, and MQTT allows one in a username). The check reads the parsed pattern, so `^a|b`, anchored in one branch only, is reported. The fix adds `^` and ends the pattern with `\\z` (wrapping it in `^(?:…)\\z` when it has top-level alternatives).',
  examples: {
    bad: '{allow, {clientid, {re, "sensor-[0-9]+"}}, publish, ["s/#"]}.',
    good: '{allow, {clientid, {re, "^sensor-[0-9]+$"}}, publish, ["s/#"]}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: true,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const u of regexUses(r)) {
        // the parsed pattern: `^a|b` is anchored in one branch only (it admits any value containing b)
        const anchoring = regexIsAnchored(u.pattern);
        // plain text is regex-looks-literal's to report
        if (!anchoring || anchoring.start || regexLiteralText(u.pattern) !== null) continue;
        const f: Finding = {
          message: `${u.field} regex "${showBytes(u.pattern)}" is not anchored with ^: it matches every value containing a match anywhere`,
          start: u.condition.start,
          end: u.condition.end,
          term: r.index,
        };
        const fixed = anchorRegex(u.pattern);
        const src = ctx.text.slice(u.condition.start, u.condition.end);
        const reAt = /\{\s*re\s*,/.exec(src);
        const lit = reAt ? literalContent(ctx, u.condition.start, u.condition.end, reAt.index) : null;
        const text = fixed === null ? null : erlangStringContent(fixed);
        if (lit && text !== null)
          f.fix = { title: "Anchor the regex (^…\\z)", edits: [{ start: lit.start, end: lit.end, newText: text }] };
        out.push(f);
      }
    return out;
  },
});

/** A byte string as the inside of an Erlang string literal; null when it is not ASCII (the literal's encoding would matter). */
function erlangStringContent(bytes: string): string | null {
  return /^[\x00-\x7e]*$/.test(bytes) ? erlStringBody(bytes) : null;
}
