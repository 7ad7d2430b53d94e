/**
 * Lays out one term. The layout depends only on the term's structure, the literal text of
 * its leaves and where comments sit between siblings — never on the source's whitespace —
 * which is what makes formatting idempotent. Leaves (atoms, strings, numbers, binaries)
 * are copied verbatim from the source so a term's value can never change.
 *
 * Three layouts, tried in order:
 *  1. flat: `{allow, all, subscribe, ["a", "b"]}` when it fits and holds no comment;
 *  2. hang-last (tuples): the head flat, the last element broken at the column it starts:
 *     `{allow, all, subscribe, ["a",` / `                         "b"]}`;
 *  3. vertical: one element per line, aligned one column after the opening bracket.
 * Hang-last wins over vertical unless it overflows the width where vertical does not.
 */
import type { Comment, LineIndex, Term } from "../index";
import { commentsIn, commentText, hasCommentIn } from "./comments";

export interface LayoutContext {
  text: string;
  lineIndex: LineIndex;
  comments: readonly Comment[];
  width: number;
  eol: string;
  /** Every comment the layout has printed (or copied inside a leaf). */
  used: Set<Comment>;
  /** Layouts already computed, per term and `col:suffix` (keeps nested retries linear). */
  memo: Map<Term, Map<string, string>>;
}

interface Child {
  term: Term;
  /** `""`, or `"| "` for a list tail. */
  prefix: string;
  /** Only for map entries: the key, printed flat before ` => `. */
  key?: Term;
  leading: Comment[];
  trailing: Comment | null;
  /** Map entries: comments between the key and the value. */
  mid?: Comment[];
}

const isLeaf = (t: Term): boolean => t.kind !== "tuple" && t.kind !== "list" && t.kind !== "map";

/** The term on one line, or null when it cannot be (a comment or a line break inside). */
export function flat(ctx: LayoutContext, t: Term): string | null {
  if (isLeaf(t)) {
    const s = ctx.text.slice(t.start, t.end);
    return /[\r\n]/.test(s) ? null : s;
  }
  if (hasCommentIn(ctx.comments, t.start, t.end)) return null;
  const parts: string[] = [];
  for (const c of children(ctx, t)) {
    const v = flat(ctx, c.term);
    if (v === null) return null;
    if (c.key) {
      const k = flat(ctx, c.key);
      if (k === null) return null;
      parts.push(`${k} => ${v}`);
    } else parts.push(c.prefix + v);
  }
  const [open, close] = brackets(t);
  return open + joinParts(parts) + close;
}

/** Joins flat parts with `, `, except before a list tail (`a | T`). */
function joinParts(parts: string[]): string {
  let out = "";
  parts.forEach((p, i) => {
    out += i === 0 ? p : p.startsWith("| ") ? ` ${p}` : `, ${p}`;
  });
  return out;
}

function brackets(t: Term): [string, string] {
  if (t.kind === "tuple") return ["{", "}"];
  if (t.kind === "list") return ["[", "]"];
  return ["#{", "}"];
}

/** The children of a container with the comments of the gaps between them attached. */
function children(ctx: LayoutContext, t: Term): Child[] {
  const kids: Child[] = [];
  if (t.kind === "tuple") for (const e of t.elements) kids.push(child(e, ""));
  else if (t.kind === "list") {
    for (const e of t.elements) kids.push(child(e, ""));
    if (t.tail) kids.push(child(t.tail, "| "));
  } else if (t.kind === "map") {
    for (const { key, value } of t.entries) kids.push({ ...child(value, ""), key });
  }
  return kids;
}

function child(term: Term, prefix: string): Child {
  return { term, prefix, leading: [], trailing: null };
}

/**
 * Attaches the comments between siblings: one on the line where the previous sibling
 * ends is its trailing comment; any other is a leading comment of the next sibling, or
 * dangling before the closing bracket. Returns the dangling ones.
 */
function attachComments(ctx: LayoutContext, t: Term, kids: Child[]): Comment[] {
  const line = (o: number) => ctx.lineIndex.position(o).line;
  let prevEnd = t.start + 1;
  let prev: Child | null = null;
  const place = (from: number, to: number, next: Child | null): Comment[] => {
    const rest: Comment[] = [];
    for (const c of commentsIn(ctx.comments, from, to)) {
      if (prev && !prev.trailing && line(c.start) === line(prevEnd)) prev.trailing = c;
      else if (next) next.leading.push(c);
      else rest.push(c);
    }
    return rest;
  };
  for (const k of kids) {
    place(prevEnd, (k.key ?? k.term).start, k);
    if (k.key) k.mid = commentsIn(ctx.comments, k.key.end, k.term.start);
    prevEnd = k.term.end;
    prev = k;
  }
  return place(prevEnd, t.end, null);
}

const spaces = (n: number) => " ".repeat(n);

/** Widest line of `s` when its first line starts at column `col`. */
export function maxWidth(s: string, col: number): number {
  let max = 0;
  s.split(/\r?\n|\r/).forEach((l, i) => (max = Math.max(max, (i === 0 ? col : 0) + l.length)));
  return max;
}

/** Width of the last line of `s` when its first line starts at column `col`. */
export function lastLineEnd(s: string, col: number): number {
  const m = /(\r\n|\n|\r)(?![\s\S]*[\r\n])/.exec(s);
  return m ? s.length - (m.index + m[0].length) : col + s.length;
}

/** Marks comments inside a verbatim leaf (`"a" % c\n "b"`) as printed. */
function markLeafComments(ctx: LayoutContext, t: Term): void {
  for (const c of commentsIn(ctx.comments, t.start, t.end)) ctx.used.add(c);
}

/**
 * The term laid out with its first line at column `col`; `suffix` is how many characters
 * follow it on its last line (closing brackets, the dot).
 */
export function render(ctx: LayoutContext, t: Term, col: number, suffix: number): string {
  const key = `${col}:${suffix}`;
  let byPos = ctx.memo.get(t);
  const hit = byPos?.get(key);
  if (hit !== undefined) return hit;
  const out = renderUncached(ctx, t, col, suffix);
  if (!byPos) ctx.memo.set(t, (byPos = new Map()));
  byPos.set(key, out);
  return out;
}

function renderUncached(ctx: LayoutContext, t: Term, col: number, suffix: number): string {
  if (isLeaf(t)) {
    markLeafComments(ctx, t);
    return ctx.text.slice(t.start, t.end);
  }
  const f = flat(ctx, t);
  if (f !== null && col + f.length + suffix <= ctx.width) return f;
  const kids = children(ctx, t);
  const dangling = attachComments(ctx, t, kids);
  const vertical = renderVertical(ctx, t, kids, dangling, col, suffix);
  const hang = t.kind === "tuple" ? renderHangLast(ctx, t, kids, dangling, col, suffix) : null;
  if (hang === null) return vertical;
  return maxWidth(hang, col) <= Math.max(ctx.width, maxWidth(vertical, col)) ? hang : vertical;
}

/** `{a, b, LAST}` with the head flat and LAST broken where it starts; null if impossible. */
function renderHangLast(
  ctx: LayoutContext,
  t: Term,
  kids: Child[],
  dangling: Comment[],
  col: number,
  suffix: number,
): string | null {
  if (kids.length < 2 || dangling.length) return null;
  const head: string[] = [];
  for (const k of kids.slice(0, -1)) {
    if (k.leading.length || k.trailing) return null;
    const v = flat(ctx, k.term);
    if (v === null) return null;
    head.push(v);
  }
  const last = kids[kids.length - 1];
  if (last.leading.length || last.trailing) return null;
  const prefix = `{${head.join(", ")}, `;
  return prefix + render(ctx, last.term, col + prefix.length, suffix + 1) + "}";
}

/** `Key => Value`; comments between them go after the arrow, the value on the next line. */
function renderEntry(ctx: LayoutContext, k: Child, col: number, suffix: number): string {
  const key = render(ctx, k.key!, col, 3);
  const mid = k.mid ?? [];
  if (!mid.length) return `${key} => ${render(ctx, k.term, lastLineEnd(key, col) + 4, suffix)}`;
  let out = `${key} =>`;
  for (const c of mid) {
    out += ` ${commentText(c)}${ctx.eol}${spaces(col + 2)}`;
    ctx.used.add(c);
  }
  return out.replace(/ $/, "") + render(ctx, k.term, col + 2, suffix);
}

/** One child per line, aligned one column after the opening bracket. */
function renderVertical(
  ctx: LayoutContext,
  t: Term,
  kids: Child[],
  dangling: Comment[],
  col: number,
  suffix: number,
): string {
  const [open, close] = brackets(t);
  const inner = col + open.length;
  const nl = ctx.eol + spaces(inner);
  const last = kids[kids.length - 1];
  const closeOwnLine = dangling.length > 0 || (last !== undefined && last.trailing !== null);
  let out = open;
  kids.forEach((k, i) => {
    for (const c of k.leading) {
      out += nl + commentText(c);
      ctx.used.add(c);
    }
    if (i > 0 || k.leading.length) out += nl;
    const next = kids[i + 1];
    const comma = next && !next.prefix ? "," : "";
    const after = k === last && !closeOwnLine ? suffix + close.length : comma.length;
    if (k.key) out += renderEntry(ctx, k, inner, after) + comma;
    else out += k.prefix + render(ctx, k.term, inner + k.prefix.length, after) + comma;
    if (k.trailing) {
      out += ` ${commentText(k.trailing)}`;
      ctx.used.add(k.trailing);
    }
  });
  for (const c of dangling) {
    out += nl + commentText(c);
    ctx.used.add(c);
  }
  return out + (closeOwnLine ? ctx.eol + spaces(col) : "") + close;
}
