/**
 * 0-based LSP positions → the 1-based lines and columns people and CI tools read.
 * Columns count UTF-16 code units (SARIF's default `columnKind`), the end is exclusive.
 */
import type { Range } from "@emqx-acl/syntax";

export interface OneBasedPosition {
  line: number;
  column: number;
}

export interface OneBasedRange {
  start: OneBasedPosition;
  end: OneBasedPosition;
}

/** Adds one to every line and column; nothing else changes. */
export function oneBased(range: Range): OneBasedRange {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}

/** Lengths of each line of `text` without its terminator (\n, \r\n or \r). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/**
 * Like {@link oneBased}, but a range that ends at column 1 of a later line is pulled back
 * to the end of the previous line, so an annotation does not spill onto a line it does
 * not cover (ranges over a whole term often end after its line break).
 */
export function displayRange(range: Range, lengths: number[]): OneBasedRange {
  const r = oneBased(range);
  if (r.end.line > r.start.line && r.end.column === 1) {
    const prev = r.end.line - 1;
    r.end = { line: prev, column: (lengths[prev - 1] ?? 0) + 1 };
  }
  return r;
}
