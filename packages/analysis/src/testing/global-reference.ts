/**
 * Test-only reference: redundancy and conflicts computed over the global identity
 * partition (the first algorithms, quadratic and prone to blowing up when independent
 * dimensions multiply). The randomized tests compare the indexed checks against these.
 */
import type { Dialect, Rule } from "@emqx-acl/core";
import { intersectRulePatterns } from "../reachability/intersect";
import { Space } from "../reachability/reachability";

/** Liu–Gouda redundancy of rule k over the global partition; null when k is inexact. */
export function globalRedundant(space: Space, k: number): boolean | null {
  const rules = space.rules;
  const rule = rules[k];
  if (space.inexact[k]) return null;
  for (const b of space.ruleBoxes[k]) {
    const idx = space.boxRules.get(b) ?? [];
    for (const pt of space.points(space.partition.boxes[b], idx)) {
      const pk = space.patterns(k, pt);
      for (const a of space.atomsOf(rule)) {
        let t = space.root(a);
        for (const j of idx)
          if (j < k && space.atomsOf(rules[j]).includes(a)) t = space.remove(t, space.patterns(j, pt));
        for (const j of idx) {
          if (j <= k || !space.atomsOf(rules[j]).includes(a)) continue;
          const pj = space.patterns(j, pt);
          if (rules[j].permission !== rule.permission && space.meet(t, intersectRulePatterns(pk, pj, space.guard)))
            return false;
          t = space.remove(t, pj);
        }
        if (space.meet(t, pk)) return false;
      }
    }
  }
  return true;
}

/** Earlier rules (positions) of the opposite permission sharing a request with rule k. */
export function globalConflicts(space: Space, k: number): number[] {
  const rules = space.rules;
  const rk = rules[k];
  const hits = new Set<number>();
  for (const b of space.ruleBoxes[k]) {
    const idx = space.boxRules.get(b) ?? [];
    const earlier = idx.filter((j) => j < k && rules[j].permission !== rk.permission && !hits.has(j));
    if (!earlier.length) continue;
    for (const pt of space.points(space.partition.boxes[b], [...earlier, k])) {
      const pk = space.patterns(k, pt);
      for (const j of earlier) {
        if (hits.has(j)) continue;
        const common = space.atomsOf(rules[j]).filter((a) => space.atomsOf(rk).includes(a));
        const inter = intersectRulePatterns(space.patterns(j, pt), pk, space.guard);
        if (common.some((a) => space.meet(space.root(a), inter))) hits.add(j);
      }
    }
  }
  return [...hits].sort((a, b) => a - b);
}

/** A fresh global space for the rules (the references share nothing with the checks). */
export function globalSpace(rules: Rule[], dialect: Dialect): Space {
  return new Space(rules, dialect, "legacy");
}
