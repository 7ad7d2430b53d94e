/**
 * A code frame: the source lines a range covers, with a gutter and an underline under the
 * range. Tabs expand to stops of 4, wide (CJK, emoji) characters take two columns and
 * control characters are shown as `?`, so the underline stays under the right characters.
 */
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
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** A line made printable, with the display column of every UTF-16 index (0..length). */
interface Rendered {
  text: string;
  columns: number[];
}

function render(line: string): Rendered {
  let text = "";
  let col = 0;
  const columns: number[] = [];
  let i = 0;
  while (i < line.length) {
    const cp = line.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    for (let k = 0; k < units; k++) columns.push(col);
    if (cp === 9) {
      const n = TAB - (col % TAB);
      text += " ".repeat(n);
      col += n;
    } else if (cp < 32 || cp === 127 || (cp >= 0x80 && cp < 0xa0)) {
      text += "?";
      col += 1;
    } else {
      text += String.fromCodePoint(cp);
      col += isWide(cp) ? 2 : 1;
    }
    i += units;
  }
  columns.push(col);
  return { text, columns };
}

/** Cuts `text` (display columns) to [from, from + WIDTH), marking cuts with `…`. */
function clip(text: string, from: number): string {
  let out = "";
  let col = 0;
  for (const ch of text) {
    const w = isWide(ch.codePointAt(0)!) ? 2 : 1;
    if (col >= from && col + w <= from + WIDTH) out += ch;
    col += w;
  }
  return (from > 0 ? "…" : "") + out + (col > from + WIDTH ? "…" : "");
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

/** The frame for `range` in a document (its text, or its lines from {@link splitLines}). */
export function codeFrame(doc: string | string[], range: Range, style: FrameStyle = plain): string[] {
  const lines = typeof doc === "string" ? splitLines(doc) : doc;
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
    const r = render(line);
    const fromChar = l === first ? Math.min(range.start.character, line.length) : firstNonBlank(line);
    const toChar = l === last ? Math.min(endChar, line.length) : line.length;
    const startCol = r.columns[fromChar];
    const endCol = Math.max(r.columns[Math.max(toChar, fromChar)], startCol);
    const from = startCol > WIDTH - 20 ? startCol - 40 : 0;
    const shift = from > 0 ? 1 : 0; // the leading "…"
    const caretStart = startCol - from + shift;
    const caretLen = Math.max(1, Math.min(endCol, from + WIDTH) - startCol);
    out.push(`${style.gutter(`${String(l + 1).padStart(gutterWidth)} |`)} ${clip(r.text, from)}`.trimEnd());
    out.push(`${style.gutter(`${" ".repeat(gutterWidth)} |`)} ${" ".repeat(caretStart)}${style.mark("^".repeat(caretLen))}`);
  }
  return out;
}
