/**
 * The canonical layout of a whole document (`emqx-acl fmt`, LSP formatting): one form per
 * line where it fits, comments kept where they were, blank lines between groups collapsed
 * to one, the document's line ending kept, exactly one final line break.
 */
import type { Comment, Diagnostic, LineIndex, Span, Term, TopLevelForm } from "../index";
import { commentsIn, commentText } from "./comments";
import { render, type LayoutContext } from "./layout";

/** What the printer needs from a parse (a `ParseResult` has all of it). */
export interface PrintInput {
  forms: TopLevelForm[];
  comments: Comment[];
  diagnostics: Diagnostic[];
  lineIndex: LineIndex;
}

export interface FormatOptions {
  /** Preferred maximum line width (default 100). */
  width?: number;
}

export type FormatResult =
  | { ok: true; text: string; changed: boolean }
  /** The document was not formatted; `diagnostics` are the syntax errors, if any. */
  | { ok: false; message: string; diagnostics: Diagnostic[] };

interface Item {
  /** Source offsets the item covers (a form includes its trailing comment). */
  start: number;
  end: number;
  text: string;
}

/** Formats a parsed document; refuses (ok: false) when it has syntax errors. */
export function printDocument(input: PrintInput, options: FormatOptions = {}): FormatResult {
  const { forms, comments, lineIndex } = input;
  const errors = input.diagnostics.filter((d) => d.id.startsWith("syntax-") && d.severity === "error");
  if (errors.length || forms.some((f) => f.term === null)) {
    const first = errors[0];
    const where = first ? `${first.range.start.line + 1}:${first.range.start.character + 1}: ` : "";
    return { ok: false, message: `${where}not formatted: the file has syntax errors`, diagnostics: errors };
  }
  const text = lineIndex.text;
  const ctx: LayoutContext = {
    text,
    lineIndex,
    comments,
    width: options.width ?? 100,
    eol: detectEol(text, forms),
    used: new Set(),
    memo: new Map(),
  };
  const items = collectItems(ctx, forms);
  if (ctx.used.size !== comments.length) {
    return { ok: false, message: "not formatted: a comment sits where the printer cannot keep it", diagnostics: [] };
  }
  let out = "";
  items.forEach((it, i) => {
    if (i > 0) out += blankBetween(text, items[i - 1].end, it.start) ? ctx.eol + ctx.eol : ctx.eol;
    out += it.text;
  });
  if (items.length) out += ctx.eol;
  return { ok: true, text: out, changed: out !== text };
}

/** Forms and standalone comments in source order, each already laid out. */
function collectItems(ctx: LayoutContext, forms: TopLevelForm[]): Item[] {
  const items: Item[] = [];
  const line = (o: number) => ctx.lineIndex.position(o).line;
  let prev: (Item & { formEnd: number; hasTrailing: boolean }) | null = null;
  const standalone = (c: Comment) => {
    ctx.used.add(c);
    items.push({ start: c.start, end: c.end, text: commentText(c) });
  };
  const gap = (from: number, to: number) => {
    for (const c of commentsIn(ctx.comments, from, to)) {
      if (prev && !prev.hasTrailing && line(c.start) === line(prev.formEnd)) {
        prev.text += ` ${commentText(c)}`;
        prev.end = c.end;
        prev.hasTrailing = true;
        ctx.used.add(c);
      } else standalone(c);
    }
  };
  let prevEnd = 0;
  for (const f of forms) {
    gap(prevEnd, f.start);
    const term = f.term!;
    const item = {
      start: f.start,
      end: f.end,
      formEnd: f.end,
      hasTrailing: false,
      text: render(ctx, term, 0, 1) + ".",
    };
    // layouts are memoised within a form only: no term is shared between forms, and a memo
    // over the whole file held a map per term (gigabytes on a 600k-rule file)
    ctx.memo.clear();
    items.push(item);
    prev = item;
    // a comment between the term and its dot goes after the dot
    const inner = commentsIn(ctx.comments, term.end, f.end);
    if (inner.length) {
      item.text += ` ${commentText(inner[0])}`;
      item.hasTrailing = true;
      ctx.used.add(inner[0]);
      for (const c of inner.slice(1)) standalone(c);
      prev = item;
    }
    prevEnd = f.end;
  }
  gap(prevEnd, ctx.text.length);
  return items;
}

/** True if the whitespace between two items holds an empty line. */
function blankBetween(text: string, from: number, to: number): boolean {
  const between = text.slice(from, to);
  return (between.match(/\r\n|\n|\r/g)?.length ?? 0) >= 2;
}

/**
 * The document's line ending: that of its first line break outside a multi-line literal
 * (whose breaks are copied verbatim and must not decide, or formatting twice could differ).
 */
function detectEol(text: string, forms: TopLevelForm[]): string {
  const literals: Span[] = [];
  const visit = (t: Term) => {
    if (t.kind === "tuple" || t.kind === "list" || t.kind === "map") {
      for (const c of t.kind === "map"
        ? t.entries.flatMap((e) => [e.key, e.value])
        : t.kind === "list" && t.tail
          ? [...t.elements, t.tail]
          : t.elements)
        visit(c);
    } else if (/[\r\n]/.test(text.slice(t.start, t.end))) literals.push(t);
  };
  for (const f of forms) if (f.term) visit(f.term);
  const re = /\r\n|\n|\r/g;
  let first: string | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    first ??= m[0];
    const at = m.index;
    if (!literals.some((l) => at >= l.start && at < l.end)) return m[0] === "\r\n" ? "\r\n" : "\n";
  }
  return first === "\r\n" ? "\r\n" : "\n";
}
