/**
 * Conflicts: earlier rules of the opposite permission that match some request rule k
 * matches too (their order decides it). Candidates come from the reachability indexes
 * (identity cubes and static topic prefixes), built per permission so that a file of
 * allows with a final deny costs nothing; each rule costs work proportional to the rules
 * that can touch it, not to the file. Each pair is tried on the points of the
 * intersection of their conditions.
 */
import { mayOverlap } from "./cover";
import { intersectRulePatterns } from "./intersect";
import { CubeIndex, meets } from "./lazy";
import type { Box, ClassSet, Cube } from "./partition";
import { BudgetExceeded, type IndexedSpace, type Space, type WorkMeter } from "./reachability";

/** Conflicts of the rules of one file, under a deterministic work budget. */
export class ConflictFinder {
  private readonly space: Space;
  /** Index of the allow rules, of the deny rules. */
  private readonly byPermission: Record<"allow" | "deny", CubeIndex>;
  private readonly meter: WorkMeter;
  /** Position of the first rule the budget cut short (later rules are not checked), or null. */
  cutAt: number | null = null;

  /** `shared`: the space and index of the file's rules (lint's reachability built them). */
  constructor(shared: IndexedSpace, budget = Infinity) {
    this.space = shared.space;
    this.meter = { steps: 0, budget };
    this.byPermission = {
      allow: new CubeIndex(this.space, (j) => this.space.rules[j].permission === "allow"),
      deny: new CubeIndex(this.space, (j) => this.space.rules[j].permission === "deny"),
    };
  }

  /** Positions of the earlier opposite-permission rules overlapping rule k (ascending); null past the budget. */
  find(k: number): number[] | null {
    if (this.cutAt !== null) return null;
    this.space.meter = this.meter;
    try {
      return this.candidates(k).filter((j) => this.overlap(j, k));
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      this.cutAt = k;
      return null;
    }
  }

  private candidates(k: number): number[] {
    const { space } = this;
    const rk = space.rules[k];
    const atomsK = space.atomsOf(rk);
    const opposite = this.byPermission[rk.permission === "allow" ? "deny" : "allow"];
    const out = new Set<number>();
    for (const c of space.cubes[k]) {
      space.spend(1);
      for (const j of opposite.intersecting(c, k)) {
        const rj = space.rules[j];
        if (space.atomsOf(rj).some((a) => atomsK.includes(a)) && mayOverlap(rj, rk)) out.add(j);
      }
    }
    return [...out].sort((a, b) => a - b);
  }

  /** Do rules j and k share a request (an identity both conditions admit, a topic both match)? */
  private overlap(j: number, k: number): boolean {
    const { space } = this;
    const common = space.atomsOf(space.rules[j]).filter((a) => space.atomsOf(space.rules[k]).includes(a));
    for (const c of space.cubes[k])
      for (const x of space.cubes[j]) {
        if (!meets(c, x)) continue;
        for (const pt of space.points(cubeMeetBox(c, x), [j, k], this.byPermission.allow.helper)) {
          space.spend(1);
          const inter = intersectRulePatterns(space.patterns(j, pt), space.patterns(k, pt), space.guard);
          if (common.some((a) => space.meet(space.root(a), inter))) return true;
        }
      }
    return false;
  }
}

/** The box of the identities both cubes admit (they meet). */
function cubeMeetBox(a: Cube, b: Cube): Box {
  const sets = new Map<string, ClassSet>();
  for (const [d, s] of a) sets.set(d, { in: b.has(d) ? new Set([...s].filter((x) => b.get(d)!.has(x))) : s });
  for (const [d, s] of b) if (!a.has(d)) sets.set(d, { in: s });
  return { id: -1, sets, alive: true };
}
