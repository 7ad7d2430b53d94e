/**
 * Intersection of two topic patterns. Two MQTT filters intersect in one filter or not at
 * all (the same algebra as `emqx_topic:intersection/2`); an `eq` pattern intersects as
 * itself or not at all. Used by the redundancy check and the semantic diff.
 */
import { topicMatches } from "./concrete";
import type { RulePatterns, WordPattern } from "./patterns";

/** p ∩ q as one pattern, or null when they share no topic. */
export function intersectPatterns(p: WordPattern, q: WordPattern, guard: boolean): WordPattern | null {
  if (p.literal && q.literal)
    return p.words.length === q.words.length && p.words.every((w, i) => w === q.words[i]) ? p : null;
  if (p.literal) return topicMatches(p.words, q, guard) ? p : null;
  if (q.literal) return topicMatches(q.words, p, guard) ? q : null;
  const a = p.words;
  const b = q.words;
  const isWild = (w: string | undefined) => w === "+" || w === "#";
  if (guard && ((isWild(a[0]) && b[0]?.startsWith("$")) || (isWild(b[0]) && a[0]?.startsWith("$")))) return null;
  const out: string[] = [];
  for (let i = 0; ; i++) {
    const x = a[i];
    const y = b[i];
    if (x === "#" && i === a.length - 1) return { words: [...out, ...b.slice(i)], literal: false };
    if (y === "#" && i === b.length - 1) return { words: [...out, ...a.slice(i)], literal: false };
    if (x === undefined || y === undefined) return x === y ? { words: out, literal: false } : null;
    if (x === "+") out.push(y);
    else if (y === "+" || x === y) out.push(x);
    else return null;
  }
}

/** Intersection of two rules' topic tests (for one identity point). */
export function intersectRulePatterns(a: RulePatterns, b: RulePatterns, guard: boolean): RulePatterns {
  if (a.all) return b;
  if (b.all) return a;
  const patterns: WordPattern[] = [];
  for (const p of a.patterns)
    for (const q of b.patterns) {
      const r = intersectPatterns(p, q, guard);
      if (r) patterns.push(r);
    }
  return { all: false, patterns };
}
