/**
 * A code frame: the source lines a range covers, with a gutter and an underline under the
 * range. Tabs expand to stops of 4, wide (CJK, emoji) characters take two columns and
 * control characters are shown as `?`, so the underline stays under the right characters.
 */
import { isTerminalUnsafe } from "../terminal-text";
import type { Range } from "@emqx-acl/syntax";

const TAB = 4;
/** Longest stretch of one line shown; longer lines are cut around the range. */
const WIDTH = 160;
/** Ranges over more lines than this show their first and last lines only. */
const MAX_LINES = 6;

export interface FrameStyle {
  gutter(s: string): string;
  mark(s: string): string;
}

const plain: FrameStyle = { gutter: (s) => s, mark: (s) => s };

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Display width of one code point: a tab's depends on where it starts. */
function widthAt(cp: number, col: number): number {
  if (cp === 9) return TAB - (col % TAB);
  return isWide(cp) ? 2 : 1;
}

/** What the frame shows as `?`: what a terminal must not get raw, and a newline inside a frame line. */
function isControl(cp: number): boolean {
  return cp === 10 || isTerminalUnsafe(cp);
}

/**
 * The display column of every UTF-16 index of `line` (0..length), measured once per line:
 * frames on one long line (15,000 findings in one rule's topic list) share it instead of
 * each measuring the whole line again.
 */
function measure(line: string): Uint32Array {
  const columns = new Uint32Array(line.length + 1);
  let col = 0;
  let i = 0;
  while (i < line.length) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    for (let k = 0; k < units; k++) columns[i + k] = col;
    col += widthAt(cp, col);
    i += units;
  }
  columns[line.length] = col;
  return columns;
}

/** First index whose column is at least `col` (columns never decrease). */
function firstIndexAt(columns: Uint32Array, col: number): number {
  let lo = 0;
  let hi = columns.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (columns[mid] < col) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The printable text of display columns [from, from + WIDTH) of a line, marking cuts with
 * `…`: tabs expand to spaces, control characters show as `?`, and a wide character that
 * does not fit whole is left out. Only the window is visited, not the whole line.
 */
function clip(line: string, columns: Uint32Array, from: number): string {
  const to = from + WIDTH;
  let out = "";
  let i = firstIndexAt(columns, from);
  // a tab that starts before the window still shows the spaces inside it
  if (i > 0 && line.charCodeAt(i - 1) === 9) out += " ".repeat(Math.min(columns[i], to) - from);
  while (i < line.length) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    const col = columns[i];
    const w = columns[i + units] - col;
    if (col + w > to) {
      if (cp === 9) out += " ".repeat(Math.max(0, to - col));
      break;
    }
    out += cp === 9 ? " ".repeat(w) : isControl(cp) ? "?" : String.fromCodePoint(cp);
    i += units;
  }
  return (from > 0 ? "…" : "") + out + (columns[line.length] > to ? "…" : "");
}

/** How many lines keep their measured columns (frames usually come in line order). */
const MEASURED_LINES = 16;

/**
 * A document's lines for many frames: split once, each line measured once while it is
 * in use. `work` counts the code units measured and shown, so a test can prove a report
 * costs time in proportion to its size.
 */
export class FrameSource {
  readonly lines: string[];
  work = 0;
  private readonly measured = new Map<number, Uint32Array>();

  constructor(doc: string | string[]) {
    this.lines = typeof doc === "string" ? splitLines(doc) : doc;
  }

  columns(line: number): Uint32Array {
    let c = this.measured.get(line);
    if (c) return c;
    c = measure(this.lines[line]);
    this.work += this.lines[line].length;
    if (this.measured.size >= MEASURED_LINES) this.measured.delete(this.measured.keys().next().value!);
    this.measured.set(line, c);
    return c;
  }
}

function firstNonBlank(line: string): number {
  const m = /\S/.exec(line);
  return m ? m.index : line.length;
}

/** Lines shown for a range of lines `first..last` (null = an elision marker). */
function shownLines(first: number, last: number): (number | null)[] {
  const all: number[] = [];
  for (let l = first; l <= last; l++) all.push(l);
  if (all.length <= MAX_LINES) return all;
  return [...all.slice(0, 3), null, ...all.slice(-2)];
}

/** Splits a document into lines (without terminators) once, for many frames. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The frame for `range` in a document (its text, or a {@link FrameSource} shared by many frames). */
export function codeFrame(doc: string | FrameSource, range: Range, style: FrameStyle = plain): string[] {
  const source = typeof doc === "string" ? new FrameSource(doc) : doc;
  const lines = source.lines;
  const first = Math.min(range.start.line, lines.length - 1);
  let last = Math.min(range.end.line, lines.length - 1);
  let endChar = range.end.character;
  if (last > first && endChar === 0) {
    last--;
    endChar = lines[last].length;
  }
  const gutterWidth = String(last + 1).length;
  const out: string[] = [];
  for (const l of shownLines(first, last)) {
    if (l === null) {
      out.push(style.gutter(`${" ".repeat(gutterWidth)} ⋮`));
      continue;
    }
    const line = lines[l];
    const columns = source.columns(l);
    const fromChar = l === first ? Math.min(range.start.character, line.length) : firstNonBlank(line);
    const toChar = l === last ? Math.min(endChar, line.length) : line.length;
    const startCol = columns[fromChar];
    const endCol = Math.max(columns[Math.max(toChar, fromChar)], startCol);
    const from = startCol > WIDTH - 20 ? startCol - 40 : 0;
    const shift = from > 0 ? 1 : 0; // the leading "…"
    const caretStart = startCol - from + shift;
    const caretLen = Math.max(1, Math.min(endCol, from + WIDTH) - startCol);
    const shown = clip(line, columns, from);
    source.work += shown.length;
    out.push(`${style.gutter(`${String(l + 1).padStart(gutterWidth)} |`)} ${shown}`.trimEnd());
    out.push(
      `${style.gutter(`${" ".repeat(gutterWidth)} |`)} ${" ".repeat(caretStart)}${style.mark("^".repeat(caretLen))}`,
    );
  }
  return out;
}
