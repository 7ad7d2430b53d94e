/**
 * Marks on 0..n-1 that a new round clears at once: a stamp per index instead of a Set per
 * lookup (the candidate lookups run several times per rule on large files).
 */
export class Marks {
  private readonly at: Uint32Array;
  private round = 1;

  constructor(n: number) {
    this.at = new Uint32Array(n);
  }

  /** Starts a round: nothing is marked. */
  clear(): void {
    this.round++;
  }

  /** Marks j; false when it was marked already this round. */
  mark(j: number): boolean {
    if (this.at[j] === this.round) return false;
    this.at[j] = this.round;
    return true;
  }
}
