import { intersectRulePatterns } from "../reachability/intersect";
import { Space } from "../reachability/reachability";
import { PartitionTooLarge } from "../reachability/partition";
import { defineRule, type Finding } from "../lint/types";
import { isCatchAll, ruleRef } from "./util";

const LIMIT = 300;

/** A rule overlapping an earlier rule of the opposite permission. */
export const rule = defineRule({
  id: "rule-conflict",
  category: "reachability",
  defaultSeverity: "info",
  summary: "The rule overlaps an earlier rule with the opposite permission, so their order decides some requests.",
  rationale:
    "When an allow and a deny rule both match some requests, the earlier one wins for those requests. That is often intended (an exception before a general rule), but it is worth knowing which requests the order decides: swapping the two rules would change the answer. Catch-all rules at the end of the file are not reported. Files with more than 300 rules are not checked.",
  examples: {
    bad: '{allow, all, publish, ["sensors/#"]}.\n{deny, {username, "guest"}, publish, ["sensors/+/cmd"]}.',
    good: '{deny, {username, "guest"}, publish, ["sensors/+/cmd"]}.\n{allow, all, publish, ["sensors/#"]}.',
  },
  fixable: false,
  check(ctx) {
    if (ctx.rules.length > LIMIT || ctx.rules.length < 2) return [];
    const reach = new Map(ctx.reachability().map((r) => [r.rule, r.status]));
    const space = new Space(ctx.rules, ctx.dialect, "legacy");
    const out: Finding[] = [];
    try {
      void space.partition; // may be too large: then this info-level rule stays silent
    } catch (e) {
      if (e instanceof PartitionTooLarge) return [];
      throw e;
    }
    ctx.rules.forEach((rk, k) => {
      if (reach.get(rk.index) !== "reachable" || isCatchAll(rk, ctx.dialect)) return;
      const hits = new Set<number>();
      for (const b of space.ruleBoxes[k]) {
        const idx = space.boxRules.get(b) ?? [];
        const earlier = idx.filter((j) => j < k && ctx.rules[j].permission !== rk.permission && !hits.has(j));
        if (!earlier.length) continue;
        for (const pt of space.points(space.partition.boxes[b], [...earlier, k])) {
          const pk = space.patterns(k, pt);
          for (const j of earlier) {
            if (hits.has(j)) continue;
            const common = space.atomsOf(ctx.rules[j]).filter((a) => space.atomsOf(rk).includes(a));
            const inter = intersectRulePatterns(space.patterns(j, pt), pk, space.guard);
            if (common.some((a) => space.meet(space.root(a), inter))) hits.add(j);
          }
        }
      }
      if (!hits.size) return;
      const others = [...hits].sort((a, b) => a - b).map((j) => ctx.rules[j]);
      out.push({
        message: `rule ${rk.index} (${rk.permission}) overlaps ${others.map((o) => `${ruleRef(ctx, o)} (${o.permission})`).join(", ")}: for the requests both match, the earlier rule wins`,
        start: rk.start,
        end: rk.end,
        term: rk.index,
        related: others.map((o) => ({ start: o.start, end: o.end, message: `${o.permission}s some of the same requests first` })),
      });
    });
    return out;
  },
});
