/**
 * Per-rule reachability without a global partition (which multiplies independent
 * dimensions: users × networks). For rule k: try the "freest" identity cell of its
 * condition first (classes that the fewest rules mention); if k is not reachable there,
 * look for one earlier rule containing it (the usual shadowing); only then refine k's own
 * condition by the earlier rules that overlap it and try every resulting cell. Exact like
 * the global algorithm, with work proportional to the rules that touch k.
 */
import type { Request } from "@emqx-acl/core";
import { lowerBound } from "@emqx-acl/syntax";
import { mayOverlap } from "./cover";
import { Partition, type Box, type ClassSet, type Cube } from "./partition";
import type { Identity } from "./patterns";
import type { Point, Space } from "./reachability";
import { TopicIndex } from "./topic-index";
import { ClassLists, type ClassListsBuilder } from "./class-lists";
import { Marks } from "./marks";

const EMPTY_ID: Identity = new Map();

/**
 * Index of rule cubes by their most selective dimension. `include` restricts it to some
 * rules (the conflict check indexes each permission apart: only the opposite one matters).
 */
export class CubeIndex {
  /** Rules whose condition holds for everyone (dead ones are dropped on the next read). */
  private generalList: number[] = [];
  private generalDead = 0;
  private readonly generalAll: number[] = [];
  private readonly byDim = new Map<string, ClassLists>();
  private readonly byPrimary = new Map<string, number[]>();
  private readonly freest = new Map<string, number>();
  readonly helper: Partition;
  private readonly topics: TopicIndex;
  private topicsFor: { k: number; below: number; cands: number[] | null; estimate: number } = {
    k: -1,
    below: -1,
    cands: null,
    estimate: Infinity,
  };

  constructor(
    private readonly space: Space,
    private readonly include?: (j: number) => boolean,
  ) {
    space.indexes.push(this);
    this.seen = new Marks(space.rules.length);
    this.helper = new Partition(space.dims);
    this.topics = new TopicIndex(space.rules, include);
    const builders = new Map<string, ClassListsBuilder>();
    space.cubes.forEach((cs, j) => {
      if (include && !include(j)) return;
      for (const c of cs) {
        if (c.size === 0) {
          if (this.generalAll[this.generalAll.length - 1] !== j) this.generalAll.push(j);
          continue;
        }
        let best: [string, Set<number>] | null = null;
        for (const e of c) if (!best || e[1].size < best[1].size) best = e;
        const [d, set] = best!;
        let b = builders.get(d);
        if (!b) builders.set(d, (b = ClassLists.builder(space.dims.get(d)!.classes.length)));
        for (const cls of set) b.add(cls, j);
        let p = this.byPrimary.get(d);
        if (!p) this.byPrimary.set(d, (p = []));
        if (p[p.length - 1] !== j) p.push(j);
      }
    });
    for (const [d, b] of builders) this.byDim.set(d, b.build());
    this.generalList = [...this.generalAll];
    for (const [d, dim] of space.dims) {
      let best = 0;
      let bestCount = Infinity;
      const m = this.byDim.get(d);
      for (let i = 0; i < dim.classes.length && bestCount > 0; i++) {
        const n = m?.count(i) ?? 0;
        if (n < bestCount || (n === bestCount && !dim.classes[i].literal && dim.classes[best].literal))
          [best, bestCount] = [i, n];
      }
      this.freest.set(d, best);
    }
  }

  /** Live rules whose condition holds for everyone (compacted once enough of them died). */
  get general(): number[] {
    const dead = this.space.dead;
    if (this.generalDead * 4 > this.generalList.length) {
      this.generalList = this.generalList.filter((j) => !dead[j]);
      this.generalDead = 0;
    }
    return this.generalList;
  }

  private isGeneral(j: number): boolean {
    return (!this.include || this.include(j)) && this.space.cubes[j].some((c) => c.size === 0);
  }

  /** Every rule is live again (a new reachability run on the same space). */
  reviveAll(): void {
    this.generalList = [...this.generalAll];
    this.generalDead = 0;
  }

  /** Rule j was proven unreachable: it can no longer decide anything, so lookups skip it. */
  noteDead(j: number): void {
    if (this.isGeneral(j)) this.generalDead++;
  }

  /** Rule j counts again (the redundancy check removes a rule j's cover relied on). */
  revive(j: number): void {
    if (!this.isGeneral(j)) return;
    const l = this.generalList;
    const a = lowerBound(l, j);
    if (l[a] !== j) l.splice(a, 0, j);
    else this.generalDead--;
  }

  /**
   * Rules j < below (j ≠ k) that may share a topic with rule k, cached for the current
   * (k, below); null when collecting them would cost more than `cheaper` (the caller
   * filters with `mayMeet`). `below` is k for reachability, the rule count for checks
   * that look at later rules too (redundancy).
   */
  topicCandidates(k: number, cheaper: number, below = k): number[] | null {
    if (this.topicsFor.k !== k || this.topicsFor.below !== below)
      this.topicsFor = { k, below, cands: null, estimate: this.topics.estimate(k) };
    const t = this.topicsFor;
    if (t.cands === null && t.estimate <= cheaper) {
      const dead = this.space.dead;
      t.cands = this.topics.candidates(k, below)?.filter((j) => !dead[j]) ?? null;
    }
    // cached for a costlier lookup: only worth filtering when still the cheaper way
    return t.cands !== null && t.cands.length <= cheaper ? t.cands : null;
  }

  /** Static topic test: may rule j decide a request rule k matches? */
  mayMeet(j: number, k: number): boolean {
    return this.topics.mayMeet(j, k);
  }

  /**
   * Rules j < below (j ≠ k) whose condition holds for the concrete cell and whose topics
   * may meet rule k's (the others cannot decide any request k matches).
   */
  applicable(cell: Map<string, number>, k: number, below = k): number[] {
    let cost = this.general.length;
    for (const [d, c] of cell) cost += this.byDim.get(d)?.count(c) ?? 0;
    const t = this.topicCandidates(k, cost, below);
    if (t) return t.filter((j) => this.space.cubes[j].some((cube) => contains(cube, cell)));
    const ids = new Set<number>();
    const dead = this.space.dead;
    for (const j of this.general) if (j < below && j !== k && !dead[j]) ids.add(j);
    for (const [d, c] of cell) {
      const m = this.byDim.get(d);
      if (!m) continue;
      for (let p = m.start[c], end = m.start[c + 1]; p < end; p++) {
        const j = m.items[p];
        if (j < below && j !== k && !dead[j]) ids.add(j);
      }
    }
    return [...ids]
      .filter((j) => this.mayMeet(j, k) && this.space.cubes[j].some((cube) => contains(cube, cell)))
      .sort((a, b) => a - b);
  }

  /**
   * Rules above < j < below (j ≠ k) with a cube that may intersect `c` and topics that may
   * meet k's (`containingOnly`: only cubes that may contain it), live ones only unless
   * `withDead`. Rules for everyone that share no action with k are left out.
   */
  intersecting(c: Cube, k: number, containingOnly = false, below = k, above = -1, withDead = false): number[] {
    const dead = this.space.dead;
    const seen = this.seen;
    seen.clear();
    const ids: number[] = [];
    const add = (j: number) => {
      if (j < below && j > above && j !== k && (withDead || !dead[j]) && seen.mark(j)) ids.push(j);
    };
    // rules for everyone (ascending): only those between above and below, and only those
    // sharing an action with k (every caller drops the others: they cannot meet k); on
    // large files most are copies of a few catch-all rules, dead but listed `withDead`
    const general = withDead ? this.generalAll : this.general;
    const space = this.space;
    for (let p = lowerBound(general, above + 1), end = general.length; p < end && general[p] < below; p++)
      if (space.shareAtom(general[p], k)) add(general[p]);
    for (const [d, list] of this.byPrimary) {
      const m = this.byDim.get(d);
      if (c.has(d)) {
        if (m)
          for (const cls of c.get(d)!) for (let p = m.start[cls], end = m.start[cls + 1]; p < end; p++) add(m.items[p]);
      } else if (!containingOnly) {
        // rules constraining a dimension c leaves free meet c whatever their class: only
        // their topics can rule them out, so they are listed through a topic trie of their own
        const t = this.primaryTopics(d, list).candidates(k, below, above);
        if (t) for (const j of t) add(j);
        else for (let p = lowerBound(list, above + 1); p < list.length && list[p] < below; p++) add(list[p]);
      }
    }
    let n = 0;
    for (const j of ids) {
      if (!this.mayMeet(j, k)) continue;
      for (const x of this.space.cubes[j])
        if (containingOnly ? mayContain(x, c) : meets(x, c)) {
          ids[n++] = j;
          break;
        }
    }
    ids.length = n;
    return ids.sort((a, b) => a - b);
  }

  /** The rules the current `intersecting` call listed. */
  private readonly seen: Marks;

  private readonly primaryTrie = new Map<string, TopicIndex>();

  /** The topic trie of the rules whose primary dimension is d (built on first use). */
  private primaryTopics(d: string, list: number[]): TopicIndex {
    let t = this.primaryTrie.get(d);
    if (!t) {
      const members = new Set(list);
      this.primaryTrie.set(d, (t = new TopicIndex(this.space.rules, (j) => members.has(j))));
    }
    return t;
  }

  /** The cell of cube `c` whose classes the fewest rules mention. */
  freeCell(c: Cube): Map<string, number> {
    const cell = new Map<string, number>();
    for (const d of this.space.dims.keys()) {
      const set = c.get(d);
      if (!set) {
        cell.set(d, this.freest.get(d)!);
        continue;
      }
      let best = -1;
      let bestCount = Infinity;
      const m = this.byDim.get(d);
      for (const cls of set) {
        const n = m?.count(cls) ?? 0;
        if (n < bestCount) [best, bestCount] = [cls, n];
        if (n === 0) break;
      }
      cell.set(d, best);
    }
    return cell;
  }
}

/** Does the cube hold for the concrete cell? */
export function contains(cube: Cube, cell: Map<string, number>): boolean {
  for (const [d, s] of cube) if (!s.has(cell.get(d)!)) return false;
  return true;
}

/** Over-approximates "cube x may contain cube c" the way the index lookup does. */
function mayContain(x: Cube, c: Cube): boolean {
  for (const d of x.keys()) if (!c.has(d)) return false;
  return meets(x, c);
}

/** May the two cubes share a cell (every common dimension shares a class)? */
export function meets(a: Cube, b: Cube): boolean {
  for (const [d, s] of a) {
    const t = b.get(d);
    if (t && !shareOne(s, t)) return false;
  }
  return true;
}

function shareOne(s: Set<number>, t: Set<number>): boolean {
  if (s.size > t.size) return shareOne(t, s);
  for (const x of s) if (t.has(x)) return true;
  return false;
}

/** The identities both cubes admit, as a cube (empty classes when they do not meet). */
export function cubeMeet(a: Cube, b: Cube): Cube {
  const out: Cube = new Map(a);
  for (const [d, s] of b) {
    const t = a.get(d);
    out.set(d, t ? new Set([...t].filter((x) => s.has(x))) : s);
  }
  return out;
}

/**
 * The points of a box for deciding (not witnessing) the rules: one identity-free point
 * when no rule's topics read the identity (the usual case; `Space.points` would pick a
 * class for every dimension only to build a witness).
 */
export function pointsOf(space: Space, box: Box, ruleIdx: number[], idx: CubeIndex): Point[] {
  if (ruleIdx.some((i) => space.readsIdentity(i))) return space.points(box, ruleIdx, idx.helper);
  return [{ box, classes: new Map(), id: EMPTY_ID }];
}

/** The box of exactly the identities of a cube. */
export function cubeBox(c: Cube): Box {
  const sets = new Map<string, ClassSet>();
  for (const [d, s] of c) sets.set(d, { in: s });
  return { id: -1, sets, alive: true };
}

/** The box holding exactly one cell. */
export function cellBox(cell: Map<string, number>): Box {
  const sets = new Map<string, { in: Set<number> }>();
  for (const [d, c] of cell) sets.set(d, { in: new Set([c]) });
  return { id: -1, sets, alive: true };
}

/** A witness for rule k inside the box (cell = one member of every dimension), or null. */
export function tryBox(
  space: Space,
  idx: CubeIndex,
  k: number,
  box: Box,
  cell: Map<string, number>,
  only?: Set<number>,
): Request | null {
  const atomsK = space.atomsAt(k);
  const app = idx.applicable(cell, k).filter((j) => (!only || only.has(j)) && space.shareAtom(j, k));
  for (const pt of space.points(box, [...app, k], idx.helper)) {
    space.spend(app.length + 1);
    const pk = space.patterns(k, pt);
    for (const a of atomsK) {
      const w = space.meet(space.remainder(a, app, pt), pk);
      if (w) return space.witness(pt, a, w);
    }
  }
  return null;
}

/**
 * The cells of rule k's condition, refined by the rules j < below (j ≠ k) that overlap
 * it: the earlier ones (reachability) or every other one (redundancy).
 */
export function localCells(
  space: Space,
  idx: CubeIndex,
  k: number,
  below = k,
): { box: Box; cell: Map<string, number>; rel: number[] }[] {
  const rk = space.rules[k];
  const out: { box: Box; cell: Map<string, number>; rel: number[] }[] = [];
  for (const c of space.cubes[k]) {
    space.spend(1);
    const rel = idx
      .intersecting(c, k, false, below)
      .filter((j) => space.shareAtom(j, k) && mayOverlap(space.rules[j], rk));
    const p = new Partition(space.dims);
    p.refine(c);
    space.spend(rel.length);
    for (const j of rel) for (const x of space.cubes[j]) if (meets(x, c)) p.refine(x);
    for (const b of p.boxes) {
      if (!b.alive || !p.intersects(b, c)) continue;
      const cell = new Map<string, number>();
      for (const d of space.dims.keys()) cell.set(d, p.pick(b, d));
      out.push({ box: b, cell, rel });
    }
  }
  return out;
}

/** Reachability witness of rule k, searching cheap cells first. */
export function lazyWitness(space: Space, idx: CubeIndex, k: number): Request | null {
  for (const c of space.cubes[k]) {
    const cell = idx.freeCell(c);
    const w = tryBox(space, idx, k, cellBox(cell), cell);
    if (w) return w;
  }
  return null;
}

/** Does the union of `set` cover rule k (checked on k's local cells)? */
export function lazyCovered(
  space: Space,
  idx: CubeIndex,
  k: number,
  set: number[],
  cells = localCells(space, idx, k),
): boolean {
  const only = new Set(set);
  return cells.every(({ box, cell }) => !tryBox(space, idx, k, box, cell, only));
}
