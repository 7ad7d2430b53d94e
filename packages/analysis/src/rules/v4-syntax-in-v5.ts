import { defineRule, type Finding, type FindingEdit } from "../lint/types";
import { topicItems } from "./util";

const MAP: Record<string, string> = { "%u": "${username}", "%c": "${clientid}" };

/** EMQX 4 `%u` / `%c` topic levels in an EMQX 5/6 file. */
export const rule = defineRule({
  id: "v4-syntax-in-v5",
  category: "compatibility",
  defaultSeverity: "warning",
  summary: "EMQX 4 placeholders (`%u`, `%c`, `%cida`, `%cna`) are literal text in EMQX 5 and 6.",
  rationale:
    "EMQX 5 renders `${username}` and `${clientid}`; the EMQX 4 forms `%u` and `%c` are left in the topic as the characters `%u`, so a migrated rule like `users/%u/#` silently stops matching any real client. The fix rewrites `%u` → `${username}` and `%c` → `${clientid}` (`%cida`/`%cna` have no EMQX 5 equivalent).",
  dialects: ["v5", "v6"],
  examples: { bad: '{allow, all, publish, ["users/%u/#"]}.', good: '{allow, all, publish, ["users/${username}/#"]}.' },
  fixable: true,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const t of topicItems(r)) {
        if (t.kind === "eq" || !("text" in t)) continue;
        const levels = t.text.split("/");
        const bad = levels.filter((l) => /^%(u|c|cida|cna)$/.test(l));
        if (!bad.length) continue;
        const src = ctx.text.slice(t.start, t.end);
        const edits: FindingEdit[] = [];
        const re = /(^|[/"])(%u|%c)(?=$|[/"])/g;
        for (let m = re.exec(src); m; m = re.exec(src)) {
          const at = t.start + m.index + m[1].length;
          edits.push({ start: at, end: at + m[2].length, newText: MAP[m[2]] });
        }
        const f: Finding = { message: `${bad.join(", ")} is EMQX 4 syntax; EMQX 5 matches it as literal text (use \${username} / \${clientid})`, start: t.start, end: t.end, term: r.index };
        if (edits.length && bad.every((b) => MAP[b])) f.fix = { title: "Rewrite EMQX 4 placeholders as EMQX 5 placeholders", edits };
        out.push(f);
      }
    return out;
  },
});
