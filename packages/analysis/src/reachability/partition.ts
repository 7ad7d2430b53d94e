/**
 * Partition of the identity space (product of dimension classes) into boxes on which
 * every rule's "who" condition is constant. Conditions become unions of cubes
 * (dimension → allowed classes); boxes are refined by each distinct cube, with an index
 * per dimension so per-user rules only touch their own box.
 */
import type { Cidr, Condition } from "@emqx-acl/core";
import { classesInCidr, dimOfCondition, type Dimension } from "./identity";
import { cidrContains, parseAddress } from "@emqx-acl/core";

/** dimension → allowed class indexes; a missing dimension allows every class. Sets may be shared between cubes (a regex's classes): never mutate one. */
export type Cube = Map<string, Set<number>>;

/** `shared`: the out-set object is referenced by several boxes and must be copied before growing. */
export type ClassSet = { in: Set<number> } | { out: Set<number>; shared?: boolean };

export interface Box {
  id: number;
  sets: Map<string, ClassSet>;
  alive: boolean;
}

export interface WhoContext {
  dims: Map<string, Dimension>;
  profile: "legacy" | "hardened";
  /** Set when a condition could not be decided exactly (bad regex, DNF too large). */
  inexact?: string;
}

const MAX_CUBES = 512;

/** The whole identity space: one cube without constraints (shared). */
const ANY: Cube[] = [new Map()];

/**
 * The condition as a union of cubes. Arrays, cubes and sets returned for leaf conditions
 * are shared between the rules that have the same leaf (one per distinct user, not per
 * rule): never mutate them.
 */
export function conditionCubes(c: Condition, ctx: WhoContext): Cube[] {
  switch (c.kind) {
    case "all":
      return ANY;
    case "security_profile":
      return c.profile === ctx.profile ? ANY : [];
    case "or":
      return c.items.flatMap((x) => conditionCubes(x, ctx)).slice(0, MAX_CUBES);
    case "and":
      return c.items.reduce<Cube[]>((acc, x) => andCubes(acc, conditionCubes(x, ctx), ctx), [new Map()]);
    default:
      return leafCube(c, ctx);
  }
}

function andCubes(a: Cube[], b: Cube[], ctx: WhoContext): Cube[] {
  const out: Cube[] = [];
  for (const x of a)
    for (const y of b) {
      const z = new Map(x);
      let empty = false;
      for (const [d, s] of y) {
        const prev = z.get(d);
        const n = prev ? new Set([...s].filter((i) => prev.has(i))) : s;
        if (n.size === 0) empty = true;
        z.set(d, n);
      }
      if (!empty) out.push(z);
      if (out.length > MAX_CUBES) {
        ctx.inexact = "condition too large to expand exactly";
        return out;
      }
    }
  return out;
}

/** Leaf cubes already built, per dimension: by class for `{kind, "value"}`, by pattern for regexes. */
interface LeafCache {
  literal: Cube[][];
  regex: Map<string, Cube[]>;
}

/** Shared between the rules of a space (100k rules name ~50k distinct users): cubes are never mutated. */
const leafCaches = new WeakMap<Dimension, LeafCache>();

function cacheOf(dim: Dimension): LeafCache {
  let c = leafCaches.get(dim);
  if (!c) leafCaches.set(dim, (c = { literal: [], regex: new Map() }));
  return c;
}

function leafCube(c: Condition, ctx: WhoContext): Cube[] {
  const key = dimOfCondition(c);
  const dim = key ? ctx.dims.get(key) : undefined;
  if (!key || !dim) return [];
  if (c.kind === "ipaddr") return cidrCube(c.cidrs, key, dim);
  if (!("match" in c)) return [];
  const m = c.match;
  const cache = cacheOf(dim);
  if (m.kind === "exact") {
    const i = dim.byValue.get(m.value);
    if (i === undefined) return [];
    return (cache.literal[i] ??= [new Map([[key, new Set<number>().add(i)]])]);
  }
  const classes = dim.regexClasses?.get(m.pattern);
  if (!classes || dim.badRegex.has(m.pattern)) {
    ctx.inexact = `regex ${JSON.stringify(m.pattern)} cannot be decided exactly`;
    return [];
  }
  // computed once per pattern with the dimension (no class × regex scan here)
  let cubes = cache.regex.get(m.pattern);
  if (!cubes) cache.regex.set(m.pattern, (cubes = classes.size ? [new Map([[key, classes]])] : []));
  return cubes;
}

function cidrCube(cidrs: Cidr[], key: string, dim: Dimension): Cube[] {
  const set = new Set<number>();
  const fast = cidrs.map((x) => classesInCidr(dim, x));
  if (fast.every((f) => f !== null)) for (const f of fast) for (const i of f!) set.add(i);
  else
    dim.classes.forEach((cl, i) => {
      const ip = cl.value === null ? null : parseAddress(cl.value);
      if (ip && cidrs.some((x) => cidrContains(x, ip))) set.add(i);
    });
  return set.size ? [new Map([[key, set]])] : [];
}

/** Raised when a partition grows past its limit (independent dimensions multiplying). */
export class PartitionTooLarge extends Error {
  constructor() {
    super("the identity partition is too large");
  }
}

/** Boxes of the identity space with a per-dimension index. */
export class Partition {
  boxes: Box[] = [];
  /** Throw {@link PartitionTooLarge} past this many boxes. */
  limit = Infinity;
  private inIndex = new Map<string, Map<number, Set<number>>>();
  private outIndex = new Map<string, Set<number>>();

  constructor(private readonly dims: Map<string, Dimension>) {
    this.add(new Map());
  }

  private size(d: string): number {
    return this.dims.get(d)!.classes.length;
  }

  private add(sets: Map<string, ClassSet>): Box {
    if (this.boxes.length >= this.limit) throw new PartitionTooLarge();
    const box: Box = { id: this.boxes.length, sets, alive: true };
    this.boxes.push(box);
    for (const d of this.dims.keys()) {
      const s = sets.get(d);
      if (s && "in" in s) {
        let m = this.inIndex.get(d);
        if (!m) this.inIndex.set(d, (m = new Map()));
        for (const c of s.in) {
          let b = m.get(c);
          if (!b) m.set(c, (b = new Set()));
          b.add(box.id);
        }
      } else {
        let o = this.outIndex.get(d);
        if (!o) this.outIndex.set(d, (o = new Set()));
        o.add(box.id);
      }
    }
    return box;
  }

  private kill(box: Box): void {
    box.alive = false;
    for (const d of this.dims.keys()) {
      const s = box.sets.get(d);
      if (s && "in" in s) for (const c of s.in) this.inIndex.get(d)?.get(c)?.delete(box.id);
      else this.outIndex.get(d)?.delete(box.id);
    }
  }

  /** Alive boxes that intersect the cube. */
  candidates(cube: Cube): Box[] {
    if (cube.size === 0) return this.boxes.filter((b) => b.alive);
    let best: [string, Set<number>] | null = null;
    for (const [d, s] of cube) if (!best || s.size < best[1].size) best = [d, s];
    const [d, s] = best!;
    const ids = new Set<number>(this.outIndex.get(d) ?? []);
    for (const c of s) for (const id of this.inIndex.get(d)?.get(c) ?? []) ids.add(id);
    return [...ids].map((i) => this.boxes[i]).filter((b) => b.alive && this.intersects(b, cube));
  }

  intersects(b: Box, cube: Cube): boolean {
    for (const [d, s] of cube) if (isEmpty(meet(b.sets.get(d), s), this.size(d))) return false;
    return true;
  }

  private contained(b: Box, cube: Cube): boolean {
    for (const [d, s] of cube) {
      const bs = b.sets.get(d);
      const n = this.size(d);
      if (!bs || "out" in bs) {
        const out = bs && "out" in bs ? bs.out : new Set<number>();
        let inside = 0;
        for (const c of s) if (!out.has(c)) inside++;
        if (inside !== n - out.size) return false;
      } else for (const c of bs.in) if (!s.has(c)) return false;
    }
    return true;
  }

  /** Splits boxes so that each is inside or outside the cube. */
  refine(cube: Cube): void {
    for (const b of this.candidates(cube)) {
      if (this.contained(b, cube)) continue;
      this.kill(b);
      const acc = new Map(b.sets);
      const made: Map<string, ClassSet>[] = [];
      for (const [d, s] of cube) {
        const n = this.size(d);
        const inside = meet(acc.get(d), s);
        const outside = minus(acc.get(d), s, cube.size === 1);
        if (!isEmpty(outside, n)) made.push(new Map(acc).set(d, outside));
        acc.set(d, inside);
      }
      made.push(acc);
      markShared(made);
      for (const m of made) this.add(m);
    }
  }

  /** Some class of dimension `d` in box `b` (the first). */
  pick(b: Box, d: string): number {
    const s = b.sets.get(d);
    if (s && "in" in s) return s.in.values().next().value as number;
    const out = s && "out" in s ? s.out : new Set<number>();
    for (let i = 0; i < this.size(d); i++) if (!out.has(i)) return i;
    throw new Error("empty box");
  }

  /** A class of `d` in box `b`, preferring one accepted by `nice` (looks at a few only). */
  pickPreferred(b: Box, d: string, nice: (c: number) => boolean): number {
    const s = b.sets.get(d);
    let tries = 0;
    if (s && "in" in s) {
      for (const c of s.in) if (nice(c) || ++tries > 64) return c;
      return this.pick(b, d);
    }
    const out = s && "out" in s ? s.out : new Set<number>();
    // non-literal classes sit at the end of a dimension's list: look there first
    for (let i = this.size(d) - 1; i >= 0 && tries < 64; i--, tries++) if (!out.has(i) && nice(i)) return i;
    return this.pick(b, d);
  }

  /** Is class `c` of dimension `d` in box `b`? */
  has(b: Box, d: string, c: number): boolean {
    const s = b.sets.get(d);
    return !s || ("in" in s ? s.in.has(c) : !s.out.has(c));
  }

  /** Every class of dimension `d` in box `b`. */
  members(b: Box, d: string): number[] {
    const s = b.sets.get(d);
    if (s && "in" in s) return [...s.in];
    const out = s && "out" in s ? s.out : new Set<number>();
    const r: number[] = [];
    for (let i = 0; i < this.size(d); i++) if (!out.has(i)) r.push(i);
    return r;
  }
}

function meet(a: ClassSet | undefined, s: Set<number>): ClassSet {
  if (!a) return { in: s };
  if ("in" in a) return { in: new Set([...a.in].filter((c) => s.has(c))) };
  return { in: new Set([...s].filter((c) => !a.out.has(c))) };
}

function minus(a: ClassSet | undefined, s: Set<number>, inPlace: boolean): ClassSet {
  if (!a) return { out: new Set(s) };
  if ("in" in a) return { in: new Set([...a.in].filter((c) => !s.has(c))) };
  // in place only for one-dimension cubes: earlier pieces of a multi-dimension split share `a`
  if (a.shared || !inPlace) return { out: new Set([...a.out, ...s]) };
  // the box owning `a` is being replaced, so its out-set can grow in place (keeps 100k splits linear)
  for (const c of s) a.out.add(c);
  return a;
}

function isEmpty(a: ClassSet, n: number): boolean {
  return "in" in a ? a.in.size === 0 : a.out.size >= n;
}

function markShared(made: Map<string, ClassSet>[]): void {
  const seen = new Set<ClassSet>();
  for (const m of made)
    for (const s of m.values()) {
      if (seen.has(s) && "out" in s) s.shared = true;
      seen.add(s);
    }
}
