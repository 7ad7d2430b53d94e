/**
 * Covering sets for unreachable rules: a small set of earlier rules whose union matches
 * every request the rule could match (one rule when one suffices, otherwise an
 * irredundant set found by elimination, like Batfish's blocking lines).
 */
import type { Rule } from "@emqx-acl/core";
import type { Space } from "./reachability";

const CHECK_BUDGET = 400;

/** Earlier rules (indexes into `space.rules`) covering rule `k`. */
export function findCover(space: Space, k: number): { rules: number[]; inexact?: string } {
  return minimalCover(candidates(space, k), (set) => coveredBy(space, k, set));
}

/** A small covering subset of `cands` (one rule when one suffices, else irredundant). */
export function minimalCover(cands: number[], coversFn: (set: number[]) => boolean): { rules: number[]; inexact?: string } {
  let budget = CHECK_BUDGET;
  const covers = (set: number[]) => {
    budget--;
    return coversFn(set);
  };
  if (!cands.length) return covers([]) ? { rules: [] } : { rules: [], inexact: "internal: no covering rule found" };
  for (const j of [...cands].reverse().slice(0, 64)) if (covers([j])) return { rules: [j] };
  let set = cands;
  if (!covers(set)) return { rules: [], inexact: "internal: earlier rules do not cover" };
  for (const j of [...cands].reverse()) {
    if (budget <= 0) break;
    const without = set.filter((x) => x !== j);
    if (covers(without)) set = without;
  }
  return { rules: set };
}

function candidates(space: Space, k: number): number[] {
  const rk = space.rules[k];
  const atomsK = new Set(space.atomsOf(rk));
  const out = new Set<number>();
  for (const b of space.ruleBoxes[k])
    for (const j of space.boxRules.get(b) ?? []) {
      if (j >= k || out.has(j)) continue;
      const rj = space.rules[j];
      if (!space.atomsOf(rj).some((a) => atomsK.has(a))) continue;
      if (mayOverlap(rj, rk)) out.add(j);
    }
  return [...out].sort((a, b) => a - b);
}

/** Does the union of `set` (earlier rules) match everything rule `k` matches? */
export function coveredBy(space: Space, k: number, set: number[]): boolean {
  const rk = space.rules[k];
  const inSet = new Set(set);
  for (const b of space.ruleBoxes[k]) {
    const box = space.partition.boxes[b];
    const idx = (space.boxRules.get(b) ?? []).filter((j) => inSet.has(j));
    for (const pt of space.points(box, [...idx, k])) {
      const pk = space.patterns(k, pt);
      for (const a of space.atomsOf(rk)) {
        let root = space.root(a);
        for (const j of idx) if (space.atomsOf(space.rules[j]).includes(a)) root = space.remove(root, space.patterns(j, pt));
        if (space.meet(root, pk)) return false;
      }
    }
  }
  return true;
}

/** Cheap over-approximation: may the two rules' topics share a request? */
export function mayOverlap(a: Rule, b: Rule): boolean {
  if (a.topics.kind === "all" || b.topics.kind === "all") return true;
  for (const x of a.topics.items)
    for (const y of b.topics.items) {
      if (x.kind === "level-template" || x.kind === "text-template" || y.kind === "level-template" || y.kind === "text-template") return true;
      if (wordsMeet(x.words, x.kind === "eq", y.words, y.kind === "eq")) return true;
    }
  return false;
}

function wordsMeet(p: string[], pl: boolean, q: string[], ql: boolean): boolean {
  const go = (i: number, j: number): boolean => {
    const pi = p[i];
    const qj = q[j];
    const ph = !pl && pi === "#" && i === p.length - 1;
    const qh = !ql && qj === "#" && j === q.length - 1;
    if (ph || qh) return true;
    if (i === p.length || j === q.length) return i === p.length && j === q.length;
    if ((!pl && pi === "+") || (!ql && qj === "+") || pi === qj) return go(i + 1, j + 1);
    return false;
  };
  return go(0, 0);
}
