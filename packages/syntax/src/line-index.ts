import type { Position, Range } from "./diagnostic";

/**
 * Maps UTF-16 offsets to 0-based line/character positions. Built once per document;
 * lookups are a binary search over line starts, so nodes need only carry offsets.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (!starts) {
      starts = [0];
      scanBreaks(text, 0, text.length, starts);
    }
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, which is `prev.text` with [prefix, prev.text.length - suffix)
   * replaced (the two share `prefix` leading and `suffix` trailing characters): only the
   * changed part is scanned (a keystroke in a 10k-line file scanned all of it).
   */
  static afterEdit(prev: LineIndex, text: string, prefix: number, suffix: number): LineIndex {
    const oldEnd = prev.text.length - suffix;
    const newEnd = text.length - suffix;
    const delta = text.length - prev.text.length;
    const old = prev.lineStarts;
    // a line starts after a break at i, which depends on the characters at i and i + 1
    const from = Math.max(0, prefix - 1);
    const starts: number[] = [];
    let k = 0;
    while (k < old.length && old[k] <= from) starts.push(old[k++]);
    scanBreaks(text, from, Math.min(newEnd + 1, text.length), starts);
    while (k < old.length && old[k] <= oldEnd + 1) k++;
    while (k < old.length) starts.push(old[k++] + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  /** Whether `offset` is at `p` (what `position` would give, without making the object). */
  isAt(offset: number, p: Position): boolean {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = p.line;
    if (line < 0 || line >= this.lineStarts.length || this.lineStarts[line] > o) return false;
    if (line + 1 < this.lineStarts.length && this.lineStarts[line + 1] <= o) return false;
    return o - this.lineStarts[line] === p.character;
  }

  offset(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.lineStarts.length - 1));
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    return Math.min(this.lineStarts[line] + Math.max(0, position.character), next);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Start offset of a 0-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }
}

/** Pushes the start of the line after each line break at a position in [from, to). */
function scanBreaks(text: string, from: number, to: number, starts: number[]): void {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
}
