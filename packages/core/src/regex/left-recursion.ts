/**
 * PCRE 8's compile-time refusal of a recursion that could loop forever: a call to a group
 * from inside that (still open) group, or `(?R)` anywhere, reachable from the group's start
 * without consuming a character (`(a|(?1)b)`, `((?1)|a)`, `a|(?R)`) is "recursive call
 * could loop indefinitely", at the call's closing byte (measured with OTP 25).
 */
import { RegexSyntaxError, type RegexNode } from "./ast";

type Call = Extract<RegexNode, { type: "call" }>;

/**
 * Looks for such calls once the pattern is parsed (PCRE reports them after the syntax errors
 * and before missing references). A call reached directly through the group's own branches
 * is PCRE's error, at the call's offset; one behind a nested group or assertion is recorded
 * as unmatchable (PCRE's check there was not measured precisely enough to reproduce); the
 * result says whether that happened.
 */
export function checkLeftRecursion(root: RegexNode, unmatchable: (reason: string) => void): boolean {
  const bad: Call[] = [];
  let nestedBad = false;
  const check = (body: RegexNode, group: number) => {
    for (const { call, nested } of leadingCalls(body, false)) {
      if (call.group !== group) continue;
      if (nested) nestedBad = true;
      else bad.push(call);
    }
  };
  check(root, 0);
  visitGroups(root, (g) => check(g.body, g.capture ?? -1));
  if (bad.length > 0)
    throw new RegexSyntaxError(
      "recursive call could loop indefinitely",
      bad.reduce((a, b) => (b.offset < a.offset ? b : a)).offset,
    );
  if (nestedBad)
    unmatchable("recursion or subroutine call that may loop (reached without consuming, inside a nested group)");
  return nestedBad;
}

function visitGroups(n: RegexNode, f: (g: Extract<RegexNode, { type: "group" }>) => void): void {
  if (n.type === "group" && n.capture !== null) f(n);
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
function leadingCalls(n: RegexNode, nested: boolean): { call: Call; nested: boolean }[] {
  switch (n.type) {
    case "call":
      return [{ call: n, nested }];
    case "seq": {
      const out: { call: Call; nested: boolean }[] = [];
      for (const it of n.items) {
        out.push(...leadingCalls(it, nested));
        if (!canBeEmpty(it)) break;
      }
      return out;
    }
    case "alt":
      return n.alts.flatMap((a) => leadingCalls(a, nested));
    case "group":
    case "atomic":
    case "look":
      return leadingCalls(n.body, true);
    case "repeat":
      return n.max === 0 ? [] : leadingCalls(n.body, nested || n.body.type !== "call");
    case "cond":
      return [...leadingCalls(n.yes, true), ...(n.no ? leadingCalls(n.no, true) : [])];
    default:
      return [];
  }
}

/** Whether `n` may match the empty string (a call is taken to consume). */
export function canBeEmpty(n: RegexNode): boolean {
  switch (n.type) {
    case "set":
    case "call":
    case "cluster":
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
