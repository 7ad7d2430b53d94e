/**
 * Moving a rule to another place in the text, in place: every span shifted, the number
 * changed. Incremental re-lowering moves the rules after an edit this way (copying them
 * after each keystroke in a large file was mostly garbage-collector work); everything
 * else treats rules as immutable. Values (names, CIDRs, topic words) are untouched.
 */
import type { Span } from "@emqx-acl/syntax";
import type { Condition, Rule, TopicSpec } from "./rule";

export function shiftRule(r: Rule, delta: number, renumber: number): void {
  r.index += renumber;
  if (delta === 0) return;
  shiftSpan(r, delta);
  shiftCondition(r.who, delta);
  shiftSpan(r.action, delta);
  shiftTopics(r.topics, delta);
}

export function shiftSpan(s: Span, delta: number): void {
  s.start += delta;
  s.end += delta;
}

function shiftCondition(c: Condition, delta: number): void {
  shiftSpan(c, delta);
  if (c.kind === "and" || c.kind === "or") for (const i of c.items) shiftCondition(i, delta);
}

function shiftTopics(t: TopicSpec, delta: number): void {
  shiftSpan(t, delta);
  if (t.kind === "list") for (const i of t.items) shiftSpan(i, delta);
}
