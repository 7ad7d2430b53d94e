/**
 * Covering sets for unreachable rules: a small set of earlier rules whose union matches
 * every request the rule could match (one rule when one suffices, otherwise an
 * irredundant set found by elimination, like Batfish's blocking lines).
 */
import type { Rule, TopicPattern } from "@emqx-acl/core";
import { cubeBox, type CubeIndex } from "./lazy";
import type { Cube } from "./partition";
import type { Space } from "./reachability";

const CHECK_BUDGET = 400;

/** Earlier rules (indexes into `space.rules`) covering rule `k`. */
export function findCover(space: Space, k: number): { rules: number[]; inexact?: string } {
  return minimalCover(candidates(space, k), (set) => coveredBy(space, k, set));
}

/** A small covering subset of `cands` (one rule when one suffices, else irredundant). */
export function minimalCover(
  cands: number[],
  coversFn: (set: number[]) => boolean,
): { rules: number[]; inexact?: string } {
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
  const out = new Set<number>();
  for (const b of space.ruleBoxes[k])
    for (const j of space.boxRules.get(b) ?? []) {
      if (j >= k || out.has(j)) continue;
      const rj = space.rules[j];
      if (!space.shareAtom(j, k)) continue;
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
      for (const a of space.atomsOf(rk)) if (space.meet(space.remainder(a, idx, pt), pk)) return false;
    }
  }
  return true;
}

/** Cheap over-approximation: may the two rules' topics share a request? */
export function mayOverlap(a: Rule, b: Rule): boolean {
  return shapesMeet(topicShapes(a), topicShapes(b));
}

/** A rule's topics as `mayOverlap` compares them (null: no topic test); callers may keep them. */
export type TopicShapes = { words: string[]; eq: boolean }[] | null;

export function topicShapes(r: Rule): TopicShapes {
  return r.topics.kind === "all" ? null : r.topics.items.map((t) => ({ words: shapeOf(t), eq: t.kind === "eq" }));
}

export function shapesMeet(a: TopicShapes, b: TopicShapes): boolean {
  if (!a || !b) return true;
  for (const x of a) for (const y of b) if (wordsMeet(x.words, x.eq, y.words, y.eq)) return true;
  return false;
}

/**
 * The first level of each shape when it is a plain word, "" when not (a wildcard, a
 * placeholder, or no level): two shapes whose first levels are different plain words never
 * meet (wordsMeet's first test), so an index may file shapes under it. [""] for null.
 */
export function firstPlainLevels(s: TopicShapes): string[] {
  if (!s) return [""];
  return s.map((x) => (x.words[0] !== undefined && x.words[0] !== "" && plainWord(x.words[0], x.eq) ? x.words[0] : ""));
}

/** Stands for the levels a placeholder renders: one or more words of any content. */
const SOME = "\u0100levels";

/**
 * The words of a topic pattern for every identity at once: a v4 placeholder word is one
 * word of any value (`+`); a v5/v6 level holding a placeholder may render several levels
 * (a value with `/`), so it is SOME, or `#` when last (a value `#` is a wildcard there).
 */
function shapeOf(t: TopicPattern): string[] {
  if (t.kind === "eq" || t.kind === "filter") return t.words;
  if (t.kind === "level-template") return t.words.map((w) => (typeof w === "string" ? w : "+"));
  const levels = t.parts
    .map((p) => (typeof p === "string" ? p : "\u0101"))
    .join("")
    .split("/");
  return levels.map((w, i) => (w.includes("\u0101") ? (i === levels.length - 1 ? "#" : SOME) : w));
}

/** Is the word its own text in every topic the pattern matches (no wildcard, no placeholder levels)? */
function plainWord(w: string, literal: boolean): boolean {
  return literal || (w !== "+" && w !== "#" && w !== SOME);
}

function wordsMeet(p: string[], pl: boolean, q: string[], ql: boolean): boolean {
  // most pairs differ in a plain first level ("devices/…" and "users/…"): no search needed
  const p0 = p[0];
  const q0 = q[0];
  if (p0 !== q0 && p0 !== undefined && q0 !== undefined && plainWord(p0, pl) && plainWord(q0, ql)) return false;
  const go = (i: number, j: number): boolean => {
    const pi = p[i];
    const qj = q[j];
    const ph = !pl && pi === "#" && i === p.length - 1;
    const qh = !ql && qj === "#" && j === q.length - 1;
    if (ph || qh) return true;
    if (pi === SOME) {
      for (let t = j + 1; t <= q.length; t++) if (go(i + 1, t)) return true;
      return false;
    }
    if (qj === SOME) {
      for (let t = i + 1; t <= p.length; t++) if (go(t, j + 1)) return true;
      return false;
    }
    if (i === p.length || j === q.length) return i === p.length && j === q.length;
    if ((!pl && pi === "+") || (!ql && qj === "+") || pi === qj) return go(i + 1, j + 1);
    return false;
  };
  return go(0, 0);
}

/**
 * Earlier rules that hold for every identity of one of rule k's cubes (a superset
 * condition), sharing an action atom and possibly a topic with k: inside that cube they
 * take their topics first everywhere, so if together they leave k nothing at every
 * template point, k is unreachable there whatever the other (partial) rules do.
 */
function containingRules(space: Space, idx: CubeIndex, k: number, c: Cube): number[] {
  const rk = space.rules[k];
  return idx
    .intersecting(c, k, true)
    .filter(
      (j) => space.shareAtom(j, k) && mayOverlap(space.rules[j], rk) && space.cubes[j].some((x) => cubeContains(x, c)),
    );
}

/** Do the rules `set` (each holding on all of cube c) leave rule k no request inside c? */
export function coveredInCube(space: Space, idx: CubeIndex, k: number, c: Cube, set: number[]): boolean {
  const rk = space.rules[k];
  const box = cubeBox(c);
  for (const pt of space.points(box, [...set, k], idx.helper)) {
    space.spend(set.length + 1);
    const pk = space.patterns(k, pt);
    for (const a of space.atomsOf(rk)) if (space.meet(space.remainder(a, set, pt), pk)) return false;
  }
  return true;
}

/**
 * A covering set of rule k made only of earlier rules whose condition contains k's (the
 * usual shadowing: a duplicate, a broader topic list or action for the same client, a rule
 * for everyone), or null when those alone do not cover k. Exact when it answers: every
 * template point of k's cubes is checked. Cheap: no refinement by partial overlaps.
 */
export function containedCover(space: Space, idx: CubeIndex, k: number): { rules: number[] } | null {
  const cubes = space.cubes[k];
  if (!cubes.length) return null;
  const perCube = cubes.map((c) => containingRules(space, idx, k, c));
  if (perCube.some((s) => !s.length)) return null;
  const covers = (set: number[]) => {
    const inSet = new Set(set);
    return cubes.every((c, i) =>
      coveredInCube(
        space,
        idx,
        k,
        c,
        perCube[i].filter((j) => inSet.has(j)),
      ),
    );
  };
  const all = [...new Set(perCube.flat())].sort((a, b) => a - b);
  if (!covers(all)) return null;
  const cover = minimalCover(all, covers);
  return cover.inexact ? null : { rules: cover.rules };
}

/** Does cube `outer` contain cube `inner` (every constrained dimension of outer allows inner's classes)? */
export function cubeContains(outer: Cube, inner: Cube): boolean {
  for (const [d, s] of outer) {
    const t = inner.get(d);
    if (!t) return false;
    for (const x of t) if (!s.has(x)) return false;
  }
  return true;
}
