/**
 * An explanation for humans: the decision, the deciding rule with a code frame, and why
 * each earlier rule did not match. `explain` prints it; `test` prints it under a failing case.
 */
import { fromBytes, type Explanation, type RuleSet } from "@emqx-acl/core";
import { LineIndex } from "@emqx-acl/syntax";
import { codeFrame } from "./code-frame";
import { topicNotes } from "./topic-notes";

/** Renders an explanation; `path` names the acl file in the deciding rule's place. */
export function explanationText(e: Explanation, rs: RuleSet, text: string, path: string): string {
  const li = new LineIndex(text);
  const lineOf = (start: number) => li.position(start).line + 1;
  const out: string[] = [];
  const d = e.decision;
  const topicNote = `(rules saw the topic "${fromBytes(e.topic)}")`;
  if (d.decision === "nomatch")
    out.push(
      `decision: nomatch — no rule matched; EMQX falls through to the next source / no_match default ${topicNote}`,
    );
  else if (d.rule === null) out.push(`decision: ${d.decision} before any rule: ${d.note}`);
  else
    out.push(
      `decision: ${d.decision} by rule ${d.rule} (${path}:${lineOf(e.decidingRule!.start)}) ${topicNote}${d.note ? ` — ${d.note}` : ""}`,
    );
  if (e.decidingRule) {
    for (const l of codeFrame(text, li.range(e.decidingRule.start, e.decidingRule.end))) out.push(`  ${l}`);
  }
  if (e.misses.length) out.push("earlier rules that did not match:");
  for (const m of e.misses) {
    const rule = rs.rules.find((r) => r.index === m.rule)!;
    const topics = m.reason === "topic" ? topicNotes(m.topics) : "";
    out.push(`  rule ${m.rule} (line ${lineOf(rule.start)}): ${m.reason} — ${m.detail}${topics ? `: ${topics}` : ""}`);
  }
  if (rs.rules.length === 0) out.push("(the file has no rules)");
  return `${out.join("\n")}\n`;
}
