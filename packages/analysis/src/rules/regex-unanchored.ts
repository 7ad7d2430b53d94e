import { defineRule, type Finding } from "../lint/types";
import { literalContent } from "./util";
import { isAnchored, LEADING_OPTIONS, looksLiteral, regexUses } from "./regex-util";

/** `{re, R}` without `^…$`: Erlang `re:run` searches anywhere in the value. */
export const rule = defineRule({
  id: "regex-unanchored",
  category: "security",
  defaultSeverity: "warning",
  summary: "The regex is not anchored at the start, so it matches any value that merely contains a match somewhere.",
  rationale:
    "EMQX runs `re:run(Value, Pattern)` which searches for the pattern anywhere: `{username, {re, \"admin\"}}` matches `notadmin` and `admin-evil`, and `{clientid, {re, \"^sensor-\"}}` matches any client id starting with `sensor-`. Anchor with `^…$` to match whole values. The fix wraps the pattern in `^(?:…)$`.",
  examples: { bad: '{allow, {clientid, {re, "sensor-[0-9]+"}}, publish, ["s/#"]}.', good: '{allow, {clientid, {re, "^sensor-[0-9]+$"}}, publish, ["s/#"]}.' },
  fixable: true,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const u of regexUses(r)) {
        if (isAnchored(u.pattern) || looksLiteral(u.pattern)) continue;
        const src = ctx.text.slice(u.condition.start, u.condition.end);
        const reAt = /\{\s*re\s*,/.exec(src);
        const lit = reAt ? literalContent(ctx, u.condition.start, u.condition.end, reAt.index) : null;
        const f: Finding = { message: `${u.field} regex "${u.pattern}" is not anchored with ^: it matches every value containing a match anywhere`, start: u.condition.start, end: u.condition.end, term: r.index };
        if (lit) {
          const body = ctx.text.slice(lit.start, lit.end);
          const opts = LEADING_OPTIONS.exec(body)?.[0] ?? "";
          const core = body.slice(opts.length).replace(/^\^/, "").replace(/([^\\])\$$/, "$1");
          f.fix = { title: "Anchor the regex (^…$)", edits: [{ start: lit.start, end: lit.end, newText: `${opts}^(?:${core})$` }] };
        }
        out.push(f);
      }
    return out;
  },
});
