/**
 * Liu–Gouda redundancy without a global partition: rule k is redundant when removing it
 * changes no decision. Only requests k decides (k matches, no earlier rule does) can
 * change; k is NOT redundant iff for one of them the first later matching rule has the
 * opposite permission, or no later rule matches (no-match is a different decision).
 * Only rules whose identity and topics can meet k's matter; they are found through the
 * same indexes as reachability (`CubeIndex` over every rule, not only earlier ones). Cheap
 * cells first, where a changed decision usually shows: the "freest" cell of k's condition
 * (no match, or a later catch-all), then the freest cell shared with each later rule of
 * the opposite permission, nearest first. Only when none shows a change (k is redundant,
 * or the change hides in a corner) is k's condition refined by every overlapping rule and
 * each cell tried. Every step counts against the work budget.
 */
import type { Rule } from "@emqx-acl/core";
import { intersectRulePatterns } from "./intersect";
import { coveredInCube, cubeContains, mayOverlap } from "./cover";
import { cellBox, cubeBox, cubeMeet, localCells, meets, pointsOf, type CubeIndex } from "./lazy";
import type { Box, Cube } from "./partition";
import {
  BudgetExceeded,
  permissionIndex,
  type IndexedSpace,
  type Point,
  type Space,
  type WorkMeter,
} from "./reachability";

/** Candidates listed from the indexes per work step (listing one costs ~1/30 of a step's topic test). */
const LISTED_PER_STEP = 32;

/**
 * Why a rule is redundant whatever happens to the rules outside it, when the cheap proof
 * showed it: on each of the rule's cubes, `rules` (earlier ones of either permission and
 * later ones of its own) match every request the rule matches, and no rule of the other
 * permission before `last` (the last later one used; null: none) may share one with it,
 * reachable or not. Earlier rules never matter to it (they only take requests away), so it
 * stands until one of `rules` goes or a rule of the other permission comes before `last`
 * (what an editor's next keystroke checks instead of analysing the rule again).
 */
export interface RedundancyProof {
  rules: Rule[];
  last: Rule | null;
}

/** The verdicts without a proof, shared (one object per rule less on large files). */
const REDUNDANT = Object.freeze({ redundant: true as const });
const NOT_REDUNDANT = Object.freeze({ redundant: false as const });

/** Redundancy of the rules of one file, under a deterministic work budget. */
export class RedundancyChecker {
  private readonly space: Space;
  private readonly idx: CubeIndex;
  private readonly shared: IndexedSpace;
  private readonly meter: WorkMeter;
  /** Position of the first rule the budget cut short (later rules are not checked), or null. */
  cutAt: number | null = null;
  /** The last check's lasting proof of redundancy, if the cheap proof gave one. */
  private proof: RedundancyProof | null = null;

  /** `shared`: the space and index of the file's rules (lint's reachability built them). */
  constructor(shared: IndexedSpace, budget = Infinity) {
    this.space = shared.space;
    this.meter = { steps: 0, budget };
    this.idx = shared.idx;
    this.shared = shared;
  }

  /** Is the rule at position k redundant? null when not decided (inexact, or past the budget). */
  check(k: number): { redundant: boolean; proof?: RedundancyProof } | null {
    if (this.cutAt !== null || this.space.inexact[k]) return null;
    if (this.space.dead[k]) return REDUNDANT; // unreachable: it decides nothing
    this.space.meter = this.meter;
    // dead rules stay out of every lookup, except those whose cover k is part of: without
    // k they may decide again
    const back = this.dependents().get(k) ?? [];
    for (const j of back) this.space.setDead(j, false);
    try {
      this.proof = null;
      if (this.changesDecision(k)) return NOT_REDUNDANT;
      return this.proof ? { redundant: true, proof: this.proof } : REDUNDANT;
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      this.cutAt = k; // never a guessed verdict: this rule and every later one stay unchecked
      return null;
    } finally {
      for (const j of back) this.space.setDead(j, true);
    }
  }

  private deps: Map<number, number[]> | null = null;

  /** Live rule → the dead rules whose cover cites it. */
  private dependents(): Map<number, number[]> {
    if (this.deps) return this.deps;
    this.deps = new Map();
    for (const [j, cover] of this.space.deadCover)
      for (const i of cover) {
        let l = this.deps.get(i);
        if (!l) this.deps.set(i, (l = []));
        l.push(j);
      }
    return this.deps;
  }

  private changesDecision(k: number): boolean {
    const { space, idx } = this;
    const n = space.rules.length;
    const tried = new Set<string>();
    const tryCell = (cell: Map<string, number>, box = cellBox(cell)): boolean => {
      const key = [...cell.values()].join(",");
      if (box.id === -1 && tried.has(key)) return false;
      tried.add(key);
      return this.inBox(k, box, idx.applicable(cell, k, n));
    };
    // the freest cell of k's condition (no-match or a later catch-all usually shows up there)
    for (const c of space.cubes[k]) if (tryCell(idx.freeCell(c))) return true;
    // the usual redundancy, a cheap proof tried before searching further for a change:
    // rules for (at least) the same clients take all of k's topics, the later ones with
    // k's permission, and no opposite rule in between can meet k
    if (this.laterSameCover(k)) return false;
    // the freest cell where a later rule of the opposite permission holds too
    // (and, when templates are read, at each template value that makes their topics differ)
    for (const c of space.cubes[k])
      for (const [j, x] of this.laterOpposite(k, c))
        if (this.meetCells(j, k, cubeMeet(c, x)).some((cell) => tryCell(cell))) return true;
    // exhaustive: every cell of k's condition refined by the other rules overlapping it
    return localCells(space, idx, k, n).some(({ box, cell }) => tryCell(cell, box));
  }

  /**
   * Cells of cube m to try for rules j and k: the freest one, then (when their topics read
   * the identity) the same cell at each template point that distinguishes j's and k's topics.
   */
  private meetCells(j: number, k: number, m: Cube): Map<string, number>[] {
    const { space, idx } = this;
    const free = idx.freeCell(m);
    const dims = new Set([...space.templateDimsOf(j), ...space.templateDimsOf(k)]);
    if (!dims.size) return [free];
    const box = cubeBox(m);
    const out = [free];
    for (const pt of space.points(box, [j, k], idx.helper)) {
      const cell = new Map(free);
      for (const d of dims) cell.set(d, pt.classes.get(d)!);
      out.push(cell);
    }
    return out;
  }

  /** The index of the rules of the permission opposite to rule k's. */
  private opposite(k: number): CubeIndex {
    return permissionIndex(this.shared, this.space.rules[k].permission === "allow" ? "deny" : "allow");
  }

  /**
   * A proof that k is redundant without refining its condition: for each of k's cubes,
   * the rules holding on the whole cube — earlier ones of either permission, which take
   * their topics first, and later ones of k's permission — leave k nothing at any template
   * point, and no rule of the opposite permission between k and the last of them may meet
   * k. (Then every request k decides is next matched by a rule of k's permission. A
   * sufficient condition: when it fails the exhaustive search decides.)
   */
  private laterSameCover(k: number): boolean {
    const { space, idx } = this;
    const n = space.rules.length;
    const rk = space.rules[k];
    const related = (j: number) => space.shareAtom(j, k) && mayOverlap(space.rules[j], rk);
    const containing = (c: Cube, below: number, above: number) =>
      idx
        .intersecting(c, k, true, below, above)
        .filter((j) => related(j) && space.cubes[j].some((x) => cubeContains(x, c)));
    const used = new Set<number>();
    let last = -1;
    // the proof holds whatever the reachability of other rules: no rule of the other
    // permission in between, unreachable ones included
    let lasting = true;
    const holds = space.cubes[k].every((c) => {
      const same = containing(c, n, k).filter((j) => space.rules[j].permission === rk.permission);
      const earlier = containing(c, k, -1);
      if (!same.length && !earlier.length) return false;
      if (!coveredInCube(space, idx, k, c, [...earlier, ...same])) return false;
      for (const j of earlier) used.add(j);
      for (const j of same) used.add(j);
      if (!same.length) return true; // k decides nothing in this cube
      const end = same[same.length - 1];
      space.spend(1);
      const between = this.opposite(k).intersecting(c, k, false, end, k, true).filter(related);
      if (between.some((j) => !space.dead[j])) return false;
      if (between.length) lasting = false;
      last = Math.max(last, end);
      return true;
    });
    if (holds && lasting)
      this.proof = { rules: [...used].map((j) => space.rules[j]), last: last < 0 ? null : space.rules[last] };
    return holds;
  }

  /**
   * Cubes of later opposite-permission rules that may share requests with rule k inside
   * `c`, nearest first and lazily (the first one usually shows the change).
   */
  private *laterOpposite(k: number, c: Cube): Generator<[number, Cube]> {
    const { space } = this;
    const rk = space.rules[k];
    const later = this.opposite(k).intersecting(c, k, false, space.rules.length, k);
    let listed = 0;
    for (const j of later) {
      if (++listed % LISTED_PER_STEP === 0) space.spend(1);
      const rj = space.rules[j];
      if (!space.shareAtom(j, k) || !mayOverlap(rj, rk)) continue;
      for (const x of space.cubes[j]) {
        if (!meets(c, x)) continue;
        space.spend(1);
        yield [j, x];
      }
    }
  }

  /** Does some point of the box (where exactly `app` and k hold) see k's decision change? */
  private inBox(k: number, box: Box, app: number[]): boolean {
    const { space } = this;
    const rel = app.filter((j) => space.shareAtom(j, k));
    for (const pt of pointsOf(space, box, [...rel, k], this.idx)) {
      space.spend(rel.length + 1);
      if (this.atPoint(k, pt, rel)) return true;
    }
    return false;
  }

  /** `rel` ascending: earlier rules take their topics first, later ones decide what k leaves. */
  private atPoint(k: number, pt: Point, rel: number[]): boolean {
    const { space } = this;
    const rk = space.rules[k];
    const pk = space.patterns(k, pt);
    for (const a of space.atomsAt(k)) {
      let t = space.root(a);
      for (const j of rel) {
        if (t.empty) break;
        const rj = space.rules[j];
        if (!space.hasAtom(j, a)) continue;
        const pj = space.patterns(j, pt);
        if (j > k && rj.permission !== rk.permission && space.meet(t, intersectRulePatterns(pk, pj, space.guard)))
          return true;
        t = space.remove(t, pj);
      }
      if (space.meet(t, pk)) return true;
    }
    return false;
  }
}
