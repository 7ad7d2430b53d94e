/**
 * Liu–Gouda redundancy: a rule is redundant when removing it changes no decision. Only
 * requests the rule itself decides can change; for those, the first later rule that
 * matches (or "no match") must carry the same permission.
 */
import type { Dialect, Rule } from "@emqx-acl/core";
import { intersectRulePatterns } from "./intersect";
import { Space } from "./reachability";
import { PartitionTooLarge } from "./partition";

const spaces = new WeakMap<Rule[], Space>();

/** Rule sets above this size are not checked (the check is quadratic). */
export const REDUNDANCY_LIMIT = 300;

/** Is the rule redundant in `rules`? null when not decided (too large or inexact). */
export function isRedundant(rules: Rule[], rule: Rule, dialect: Dialect): { redundant: boolean } | null {
  try {
    return redundant(rules, rule, dialect);
  } catch (e) {
    if (e instanceof PartitionTooLarge) return null;
    throw e;
  }
}

function redundant(rules: Rule[], rule: Rule, dialect: Dialect): { redundant: boolean } | null {
  if (rules.length > REDUNDANCY_LIMIT) return null;
  let space = spaces.get(rules);
  if (!space) spaces.set(rules, (space = new Space(rules, dialect, "legacy")));
  const k = rules.indexOf(rule);
  if (k < 0 || space.inexact[k]) return null;
  for (const b of space.ruleBoxes[k]) {
    const idx = space.boxRules.get(b) ?? [];
    for (const pt of space.points(space.partition.boxes[b], idx)) {
      const pk = space.patterns(k, pt);
      for (const a of space.atomsOf(rule)) {
        let t = space.root(a);
        for (const j of idx) if (j < k && space.atomsOf(rules[j]).includes(a)) t = space.remove(t, space.patterns(j, pt));
        for (const j of idx) {
          if (j <= k || !space.atomsOf(rules[j]).includes(a)) continue;
          const pj = space.patterns(j, pt);
          if (rules[j].permission !== rule.permission && space.meet(t, intersectRulePatterns(pk, pj, space.guard))) return { redundant: false };
          t = space.remove(t, pj);
        }
        if (space.meet(t, pk)) return { redundant: false };
      }
    }
  }
  return { redundant: true };
}
