import { defineRule } from "../lint/types";
import { isCatchAll } from "./util";

/** The file ends by allowing everything. */
export const rule = defineRule({
  id: "final-allow-all",
  category: "security",
  defaultSeverity: "warning",
  summary: "The last rule allows every request: anything not denied above is permitted.",
  rationale:
    "A final `{allow, all}` turns the file into a deny-list: every client may publish and subscribe to every topic the rules above forget, including topics added later. EMQX's shipped acl.conf ends this way for convenience; production files usually end with `{deny, all}` and list what is allowed.",
  examples: {
    bad: '{deny, all, subscribe, ["$SYS/#"]}.\n{allow, all}.',
    good: '{allow, all, all, ["devices/${clientid}/#"]}.\n{deny, all}.',
  },
  fixable: false,
  check(ctx) {
    const last = ctx.rules[ctx.rules.length - 1];
    if (!last || last.permission !== "allow" || !isCatchAll(last, ctx.dialect)) return [];
    return [
      {
        message: "the file ends by allowing every request that no rule above denies",
        start: last.start,
        end: last.end,
        term: last.index,
      },
    ];
  },
});
