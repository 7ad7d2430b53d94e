/**
 * A version of a large table that differs from the previous version in a few entries,
 * without copying it: a keystroke changes one rule of 10k, and copying the rule → position
 * and rule → verdicts maps (two 10k-entry hash tables per keystroke, in the old
 * generation) was a tenth of the editor's time per keystroke, garbage collection included.
 *
 * A layered map reads its own changes first, then a shared base it never writes. `derive`
 * starts the next version: a new layer holding a copy of this one's changes (layers never
 * chain); once the changes grow large the next version gets a base of its own.
 */
const GONE: unique symbol = Symbol("gone");

/** Past this many changed entries (or a quarter of the base), `derive` makes a new base. */
const MAX_CHANGES = 4096;

export class LayeredMap<K, V> {
  /** The keys set or deleted on this version (not inherited by `derive`). */
  private readonly touched = new Set<K>();

  private constructor(
    private readonly base: Map<K, V>,
    private readonly own: Map<K, V | typeof GONE>,
  ) {}

  /** A map over `entries` (taken, not copied). */
  static of<K, V>(entries: Map<K, V>): LayeredMap<K, V> {
    return new LayeredMap(entries, new Map());
  }

  /** The next version: the same entries, changed without touching this one. */
  derive(): LayeredMap<K, V> {
    if (this.own.size > Math.min(MAX_CHANGES, this.base.size / 4)) return new LayeredMap(new Map(this), new Map());
    return new LayeredMap(this.base, new Map(this.own));
  }

  get(k: K): V | undefined {
    const v = this.own.get(k);
    if (v !== undefined) return v === GONE ? undefined : v;
    return this.base.get(k);
  }

  has(k: K): boolean {
    const v = this.own.get(k);
    return v !== undefined ? v !== GONE : this.base.has(k);
  }

  set(k: K, v: V): this {
    this.touched.add(k);
    // an entry set back to what the base holds needs no change of its own
    if (this.own.has(k) || this.base.get(k) !== v || !this.base.has(k)) this.own.set(k, v);
    return this;
  }

  delete(k: K): void {
    this.touched.add(k);
    if (this.base.has(k)) this.own.set(k, GONE);
    else this.own.delete(k);
  }

  /** The keys this version set or deleted (a superset of those whose value differs from the version it derives from). */
  changedHere(): ReadonlySet<K> {
    return this.touched;
  }

  /** Every entry: the base's unchanged ones, then the changed ones. */
  *[Symbol.iterator](): IterableIterator<[K, V]> {
    for (const e of this.base) if (!this.own.has(e[0])) yield e;
    for (const [k, v] of this.own) if (v !== GONE) yield [k, v];
  }
}
