/**
 * For one identity dimension, the rules filed under each of its classes, ascending: two
 * flat arrays (offsets by class, then rule numbers), not a Map of small arrays. Classes are
 * dense numbers; on a 610k-rule file the Map form held ~1.8 million arrays per index.
 */
export class ClassLists {
  /** Rules of class c: `items[start[c] .. start[c + 1])`. */
  readonly start: Int32Array;
  readonly items: Int32Array;

  private constructor(start: Int32Array, items: Int32Array) {
    this.start = start;
    this.items = items;
  }

  count(c: number): number {
    return c + 1 < this.start.length ? this.start[c + 1] - this.start[c] : 0;
  }

  /** Collects (class, rule) pairs in rule order, then freezes them. */
  static builder(classCount: number): ClassListsBuilder {
    return new ClassListsBuilder(classCount);
  }

  /** Built from pairs given in ascending rule order (stable: each class's rules stay ascending). */
  static fromPairs(classCount: number, cls: number[], rule: number[]): ClassLists {
    const start = new Int32Array(classCount + 1);
    for (const c of cls) start[c + 1]++;
    for (let c = 0; c < classCount; c++) start[c + 1] += start[c];
    const fill = start.slice(0, classCount);
    const items = new Int32Array(cls.length);
    for (let i = 0; i < cls.length; i++) items[fill[cls[i]]++] = rule[i];
    return new ClassLists(start, items);
  }
}

export class ClassListsBuilder {
  private readonly cls: number[] = [];
  private readonly rule: number[] = [];
  private readonly last: Int32Array;

  constructor(private readonly classCount: number) {
    this.last = new Int32Array(classCount).fill(-1);
  }

  /** Files rule j under class c (rules come in ascending order; a repeat is dropped). */
  add(c: number, j: number): void {
    if (this.last[c] === j) return;
    this.last[c] = j;
    this.cls.push(c);
    this.rule.push(j);
  }

  build(): ClassLists {
    return ClassLists.fromPairs(this.classCount, this.cls, this.rule);
  }
}
