/**
 * Conflicts: earlier rules of the opposite permission that match some request rule k
 * matches too (their order decides it). Candidates come from the reachability indexes
 * (identity cubes and static topic prefixes), built per permission so that a file of
 * allows with a final deny costs nothing; each rule costs work proportional to the rules
 * that can touch it, not to the file. Each pair is tried on the points of the
 * intersection of their conditions. Rules the reachability run on the same space proved
 * unreachable are left out: they never decide a request, so their order decides nothing.
 */
import { mayOverlap } from "./cover";
import { intersectRulePatterns } from "./intersect";
import { CubeIndex, cellBox, cubeBox, cubeMeet, meets, pointsOf } from "./lazy";
import {
  BudgetExceeded,
  permissionIndex,
  type IndexedSpace,
  type Point,
  type Space,
  type WorkMeter,
} from "./reachability";

/** Conflicts of the rules of one file, under a deterministic work budget. */
export class ConflictFinder {
  private readonly space: Space;
  /** Index of the allow rules, of the deny rules. */
  private readonly byPermission: Record<"allow" | "deny", CubeIndex>;
  private readonly helper: CubeIndex;
  private readonly meter: WorkMeter;
  /** Position of the first rule the budget cut short (later rules are not checked), or null. */
  cutAt: number | null = null;

  /** `shared`: the space and index of the file's rules (lint's reachability built them). */
  constructor(shared: IndexedSpace, budget = Infinity) {
    this.space = shared.space;
    this.meter = { steps: 0, budget };
    this.byPermission = { allow: permissionIndex(shared, "allow"), deny: permissionIndex(shared, "deny") };
    this.helper = shared.idx;
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
    const opposite = this.byPermission[rk.permission === "allow" ? "deny" : "allow"];
    const out = new Set<number>();
    for (const c of space.cubes[k]) {
      space.spend(1);
      for (const j of opposite.intersecting(c, k)) {
        const rj = space.rules[j];
        if (space.shareAtom(j, k) && mayOverlap(rj, rk)) out.add(j);
      }
    }
    return [...out].sort((a, b) => a - b);
  }

  /** Do rules j and k share a request (an identity both conditions admit, a topic both match)? */
  private overlap(j: number, k: number): boolean {
    const { space } = this;
    // topics that read no identity are the same for every client both conditions admit
    const fixed = !space.readsIdentity(j) && !space.readsIdentity(k);
    for (const c of space.cubes[k])
      for (const x of space.cubes[j]) {
        if (!meets(c, x)) continue;
        if (fixed) return this.shareTopic(j, k, ANY_CLIENT);
        for (const pt of pointsOf(space, cubeBox(cubeMeet(c, x)), [j, k], this.helper))
          if (this.shareTopic(j, k, pt)) return true;
      }
    return false;
  }

  /** Do the topics of rules j and k meet at the point, for an action both accept? */
  private shareTopic(j: number, k: number, pt: Point): boolean {
    const { space } = this;
    space.spend(1);
    const inter = intersectRulePatterns(space.patterns(j, pt), space.patterns(k, pt), space.guard);
    for (const a of space.atomsAt(j)) if (space.hasAtom(k, a) && space.meet(space.root(a), inter)) return true;
    return false;
  }
}

/** The point used for rules whose topics read no identity. */
const ANY_CLIENT: Point = { box: cellBox(new Map()), classes: new Map(), id: new Map() };
