/**
 * Semantic diff of two rule sets for one EMQX version (Batfish compareFilters / Zelkova
 * "check no new access"): the classes of requests whose decision differs, one class per
 * (old deciding rule, new deciding rule) pair, each with a witness request. Both files
 * share one identity partition; inside a box, for each new rule k the requests it decides
 * (new remainder ∩ k) are walked through the old rules in order.
 */
import type { Dialect, Request, Rule, WireRequest } from "@emqx-acl/core";
import { firstMatch } from "../reachability/concrete";
import { intersectRulePatterns } from "../reachability/intersect";
import type { RulePatterns } from "../reachability/patterns";
import { requestToWire, Space, type Point } from "../reachability/reachability";
import type { TopicNode } from "../reachability/topic-tree";

export type Verdict = "allow" | "deny" | "nomatch";

export interface DiffClass {
  from: { decision: Verdict; rule: number | null };
  to: { decision: Verdict; rule: number | null };
  witness: WireRequest;
}

export interface SemanticDiff {
  newlyAllowed: DiffClass[];
  newlyDenied: DiffClass[];
  /** deny ↔ no match (the next source or `no_match` decides instead). */
  changed: DiffClass[];
}

const ALL: RulePatterns = { all: true };

/** The difference between two rule sets' decisions. */
export function semanticDiff(
  oldRules: Rule[],
  newRules: Rule[],
  dialect: Dialect,
  profile: "legacy" | "hardened" = "legacy",
): SemanticDiff {
  const n = oldRules.length;
  const combined = [...oldRules, ...newRules];
  const space = new Space(combined, dialect, profile);
  const found = new Map<string, DiffClass>();
  const record = (j: number | null, k: number | null, req: Request) => {
    const key = `${j}|${k}`;
    if (found.has(key)) return;
    // validate with the concrete evaluator on both files
    const a = firstMatch(oldRules, req, dialect, profile);
    const b = firstMatch(newRules, req, dialect, profile);
    const from = { decision: verdict(oldRules, a), rule: a };
    const to = { decision: verdict(newRules, b), rule: b };
    if (from.decision === to.decision) return;
    found.set(key, { from, to, witness: requestToWire(req).wire });
  };
  for (const box of space.partition.boxes) {
    const idx = box.alive ? space.boxRules.get(box.id) : undefined;
    if (!idx) continue;
    const oldIdx = idx.filter((i) => i < n);
    const newIdx = idx.filter((i) => i >= n);
    for (const pt of space.points(box, idx))
      for (let a = 0; a < space.atoms.length; a++) diffAtom(space, pt, a, oldIdx, newIdx, combined, n, record);
  }
  const classes = [...found.values()];
  return {
    newlyAllowed: classes.filter((c) => c.to.decision === "allow"),
    newlyDenied: classes.filter((c) => c.from.decision === "allow"),
    changed: classes.filter((c) => c.to.decision !== "allow" && c.from.decision !== "allow"),
  };
}

function verdict(rules: Rule[], index: number | null): Verdict {
  return index === null ? "nomatch" : rules.find((r) => r.index === index)!.permission;
}

function diffAtom(
  space: Space,
  pt: Point,
  a: number,
  oldIdx: number[],
  newIdx: number[],
  rules: Rule[],
  n: number,
  record: (j: number | null, k: number | null, req: Request) => void,
): void {
  const oldL = oldIdx.filter((i) => space.atomsOf(rules[i]).includes(a));
  const newL = newIdx.filter((i) => space.atomsOf(rules[i]).includes(a));
  const pats = new Map<number, RulePatterns>();
  const p = (i: number) => pats.get(i) ?? pats.set(i, space.patterns(i, pt)).get(i)!;
  let prefix: TopicNode = space.root(a);
  for (const k of [...newL, -1]) {
    if (prefix.empty) break;
    const gk = k < 0 ? ALL : p(k);
    const permK: Verdict = k < 0 ? "nomatch" : rules[k].permission;
    prefix.frozen = true; // the walk below must not disturb the new-file remainder
    let t = prefix;
    for (const j of oldL) {
      if (t.empty) break;
      if (rules[j].permission !== permK) {
        const w = space.meet(t, intersectRulePatterns(p(j), gk, space.guard));
        if (w) record(rules[j].index, k < 0 ? null : rules[k].index - 0, space.witness(pt, a, w));
      }
      t = space.remove(t, p(j));
    }
    if (k >= 0) {
      const w = space.meet(t, gk);
      if (w) record(null, rules[k].index, space.witness(pt, a, w));
      prefix = space.remove(prefix, gk);
    }
  }
  void n;
}
