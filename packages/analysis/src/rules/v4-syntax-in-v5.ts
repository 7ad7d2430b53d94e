import { dialectsWhere } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { topicItems } from "./util";

/** EMQX 4 `%u` / `%c` topic levels in an EMQX 5/6 file. */
export const rule = defineRule({
  id: "v4-syntax-in-v5",
  category: "compatibility",
  defaultSeverity: "warning",
  summary: "EMQX 4 placeholders (`%u`, `%c`, `%cida`, `%cna`) are literal text in EMQX 5 and 6.",
  rationale:
    "EMQX 5 renders `${username}` and `${clientid}`; the EMQX 4 forms `%u` and `%c` are left in the topic as the characters `%u`, so a migrated rule like `users/%u/#` silently stops matching any real client. Migrate the rule as `compile --to acl` does (the editor's Migrate action is the same rewrite): `%u` → `${username}` and `%c` → `${clientid}`, with a guard that keeps the value one literal level as in EMQX 4 (a bare `${username}` lets a client named `+` match every user's topics); `%cida`/`%cna` have no EMQX 5 equivalent. The rule carries no fix of its own: the guarded rewrite is the emitter's.",
  dialects: dialectsWhere((c) => c.placeholders === "template"),
  examples: { bad: '{allow, all, publish, ["users/%u/#"]}.', good: '{allow, all, publish, ["users/${username}/#"]}.' },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const t of topicItems(r)) {
        if (t.kind === "eq" || !("text" in t)) continue;
        const levels = t.text.split("/");
        const bad = levels.filter((l) => /^%(u|c|cida|cna)$/.test(l));
        if (!bad.length) continue;
        const message = `${bad.join(", ")} is EMQX 4 syntax; EMQX 5 matches it as literal text (use \${username} / \${clientid}, guarded as compile --to acl writes them)`;
        out.push({ message, start: t.start, end: t.end, term: r.index });
      }
    return out;
  },
});
