/** Small helpers shared by lint rule files. */
import type { Cidr, Condition, Rule, TopicPattern } from "@emqx-acl/core";
import type { LineIndex, TopLevelForm } from "@emqx-acl/syntax";
import type { LintContext } from "../lint/types";
import type { ReachabilityResult } from "../reachability/reachability";

/** The rule's source text. */
export function sourceOf(ctx: LintContext, r: { start: number; end: number }): string {
  return ctx.text.slice(r.start, r.end);
}

/** An edit deleting the whole lines a rule occupies (with its trailing line break). */
export function removeRuleEdit(ctx: LintContext, r: Rule): { start: number; end: number; newText: string } {
  return removalEdit(ctx, r.index, r)!;
}

/**
 * The edit removing top-level form `index`: its whole lines (with the trailing line break)
 * when nothing else stands on them, else the form alone; null without such a form or span.
 * One implementation for the lint fixes and the editor's "Remove unreachable rule".
 */
export function removalEdit(
  doc: { text: string; forms: readonly TopLevelForm[]; lineIndex: LineIndex },
  index: number,
  span?: { start: number; end: number },
): { start: number; end: number; newText: string } | null {
  // forms count from 1 in file order, so the form is normally at index - 1
  const at = doc.forms[index - 1];
  const form = at?.index === index ? at : doc.forms.find((f) => f.index === index);
  if (!form && !span) return null;
  const from = span?.start ?? form!.start;
  const endAt = form ? Math.max(form.end, span?.end ?? form.end) : span!.end;
  const li = doc.lineIndex;
  const start = li.lineStart(li.position(from).line);
  const endLine = li.position(endAt).line;
  const end = endLine + 1 < li.lineCount ? li.lineStart(endLine + 1) : doc.text.length;
  const alone = doc.text.slice(start, from).trim() === "" && doc.text.slice(endAt, end).trim() === "";
  return alone ? { start, end, newText: "" } : { start: from, end: endAt, newText: "" };
}

/** Every leaf condition of a who (through 'and' / 'or'). */
export function leafConditions(c: Condition): Condition[] {
  return c.kind === "and" || c.kind === "or" ? c.items.flatMap(leafConditions) : [c];
}

/** The rule's topic items (none for a topic-less rule). */
export function topicItems(r: Rule): TopicPattern[] {
  return r.topics.kind === "list" ? r.topics.items : [];
}

// one answer for lint, the emitters and the chain (core/src/model/catch-all.ts)
export { actionIsAll, isCatchAll, whoIsAll } from "@emqx-acl/core";

/** `rule N (line L)` for messages. */
export function ruleRef(ctx: LintContext, r: Rule): string {
  return `rule ${r.index} (line ${ctx.lineIndex.position(r.start).line + 1})`;
}

/** Offsets of the string/binary literal holding `needle` inside [start, end), content only. */
export function literalContent(
  ctx: LintContext,
  start: number,
  end: number,
  after = 0,
): { start: number; end: number } | null {
  const s = ctx.text.slice(start, end);
  const q = s.indexOf('"', after);
  if (q < 0) return null;
  let i = q + 1;
  while (i < s.length && s[i] !== '"') i += s[i] === "\\" ? 2 : 1;
  return i < s.length ? { start: start + q + 1, end: start + i } : null;
}

/** Every CIDR written in the rules' conditions, with its rule and `ipaddr` condition. */
export function* ruleCidrs(
  rules: readonly Rule[],
): Generator<{ rule: Rule; condition: Condition & { kind: "ipaddr" }; cidr: Cidr }> {
  for (const rule of rules)
    for (const c of leafConditions(rule.who))
      if (c.kind === "ipaddr") for (const cidr of c.cidrs) yield { rule, condition: c, cidr };
}

/**
 * Each rule's reachability status, by its position in `ctx.rules`. The verdicts come one
 * per rule in rule order (then no map is built: these checks run on every keystroke in the
 * editor, over every rule).
 */
export function reachStatuses(ctx: LintContext): (ReachabilityResult["status"] | undefined)[] {
  const res = ctx.reachability();
  const rules = ctx.rules;
  let inOrder = res.length === rules.length;
  for (let i = 0; inOrder && i < res.length; i++) inOrder = res[i].rule === rules[i].index;
  if (inOrder) return res.map((x) => x.status);
  const byIndex = new Map(res.map((x) => [x.rule, x.status]));
  return rules.map((r) => byIndex.get(r.index));
}

/**
 * Looks rules up by number (`Rule.index`). Rules are usually numbered 1, 2, … by position,
 * so the position is tried first; a map is built only when that misses.
 */
export function ruleNumbered(rules: readonly Rule[]): (n: number) => Rule | undefined {
  let byIndex: Map<number, Rule> | null = null;
  return (n) => {
    const r = rules[n - 1];
    if (r !== undefined && r.index === n) return r;
    byIndex ??= new Map(rules.map((x) => [x.index, x]));
    return byIndex.get(n);
  };
}
