/**
 * Where the cursor is in the (possibly unfinished) rule being typed: a light scan from the
 * end of the previous form that tracks brackets, element indexes, strings and comments.
 * It works on broken text, which is the normal state of a line being typed.
 */
export interface Frame {
  open: "{" | "[" | "<<" | "#{";
  /** 0-based index of the element the cursor is in. */
  index: number;
  /** The first atom of a tuple (`username` in `{username, …`). */
  head?: string;
}

export interface CursorContext {
  stack: Frame[];
  /** Offset of the opening quote when the cursor is inside a string, else -1. */
  stringStart: number;
  inComment: boolean;
}

const OPEN: Record<string, Frame["open"]> = { "{": "{", "[": "[" };

/** Scans `text[from, to)`; `to` is the cursor. */
export function scanContext(text: string, from: number, to: number): CursorContext {
  let stack: Frame[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === "%") {
      const nl = text.slice(i, to).search(/[\r\n]/);
      if (nl < 0) return { stack, stringStart: -1, inComment: true };
      i += nl;
    } else if (c === '"' || c === "'") {
      const close = findClose(text, i, to, c);
      if (close < 0) return { stack, stringStart: c === '"' ? i : -1, inComment: false };
      i = close + 1;
      continue;
    } else if (c === "$") i += text[i + 1] === "\\" ? 2 : 1;
    else if (c === "{" || c === "[") stack.push({ open: OPEN[c], index: 0 });
    else if (c === "<" && text[i + 1] === "<") {
      stack.push({ open: "<<", index: 0 });
      i++;
    } else if (c === "#" && text[i + 1] === "{") {
      stack.push({ open: "#{", index: 0 });
      i++;
    } else if (c === "}" || c === "]" || (c === ">" && text[i + 1] === ">")) {
      stack.pop();
      if (c === ">") i++;
    } else if (c === ",") {
      const top = stack.at(-1);
      if (top) top.index++;
    } else if (c === "." && stack.length === 0 && /[\s%]/.test(text[i + 1] ?? " ")) stack = [];
    else if (/[a-z]/.test(c)) {
      const word = /^[a-z][A-Za-z0-9_@]*/.exec(text.slice(i, Math.min(to, i + 64)))![0];
      const top = stack.at(-1);
      if (top && top.open === "{" && top.index === 0 && top.head === undefined) top.head = word;
      i += word.length;
      continue;
    }
    i++;
  }
  return { stack, stringStart: -1, inComment: false };
}

/** Index of the closing quote, or -1 if the literal is still open at `to`. */
function findClose(text: string, start: number, to: number, q: string): number {
  for (let j = start + 1; j < to; j++) {
    if (text[j] === "\\") j++;
    else if (text[j] === q) return j;
  }
  return -1;
}
