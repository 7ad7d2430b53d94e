/**
 * PCRE 8's compile-time refusal of a recursion that could loop forever: a call to a group
 * from inside that (still open) group, or `(?R)` anywhere, reachable from the group's start
 * without consuming a character (`(a|(?1)b)`, `((?1)|a)`, `a|(?R)`) is "recursive call
 * could loop indefinitely", at the call's closing byte (measured with OTP 25).
 */
import { RegexSyntaxError, type RegexNode } from "./ast";

type Call = Extract<RegexNode, { type: "call" }>;

/** Throws PCRE's error for the first such call (by offset). */
export function checkLeftRecursion(root: RegexNode): void {
  const bad: Call[] = [];
  for (const c of leadingCalls(root)) if (c.group === 0) bad.push(c);
  visitGroups(root, (g) => {
    for (const c of leadingCalls(g.body)) if (c.group === g.capture) bad.push(c);
  });
  if (bad.length === 0) return;
  const first = bad.reduce((a, b) => (b.offset < a.offset ? b : a));
  throw new RegexSyntaxError("recursive call could loop indefinitely", first.offset);
}

function visitGroups(n: RegexNode, f: (g: Extract<RegexNode, { type: "group" }>) => void): void {
  if (n.type === "group") f(n);
  for (const k of children(n)) visitGroups(k, f);
}

function children(n: RegexNode): RegexNode[] {
  switch (n.type) {
    case "seq":
      return n.items;
    case "alt":
      return n.alts;
    case "group":
    case "atomic":
    case "look":
    case "repeat":
      return [n.body];
    case "cond":
      return [...(n.cond.kind === "look" ? [n.cond.look] : []), n.yes, ...(n.no ? [n.no] : [])];
    default:
      return [];
  }
}

/** Calls reachable from the start of `n` before any character is consumed. */
function leadingCalls(n: RegexNode): Call[] {
  switch (n.type) {
    case "call":
      return [n];
    case "seq": {
      const out: Call[] = [];
      for (const it of n.items) {
        out.push(...leadingCalls(it));
        if (!canBeEmpty(it)) break;
      }
      return out;
    }
    case "alt":
      return n.alts.flatMap(leadingCalls);
    case "group":
    case "atomic":
      return leadingCalls(n.body);
    case "repeat":
      return n.max === 0 ? [] : leadingCalls(n.body);
    case "cond":
      return [...leadingCalls(n.yes), ...(n.no ? leadingCalls(n.no) : [])];
    default:
      return [];
  }
}

/** Whether `n` may match the empty string (a call is taken to consume). */
export function canBeEmpty(n: RegexNode): boolean {
  switch (n.type) {
    case "set":
    case "call":
      return false;
    case "seq":
      return n.items.every(canBeEmpty);
    case "alt":
      return n.alts.some(canBeEmpty);
    case "group":
    case "atomic":
      return canBeEmpty(n.body);
    case "repeat":
      return n.min === 0 || canBeEmpty(n.body);
    case "cond":
      return canBeEmpty(n.yes) || n.no === null || canBeEmpty(n.no);
    default:
      return true;
  }
}
