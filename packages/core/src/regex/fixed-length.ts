/**
 * PCRE 8's lookbehind rule: each top-level branch of a lookbehind must match a fixed number
 * of characters (branches may differ from one another; alternatives nested in them must all
 * be equally long). PCRE works the length out by scanning the branch's code from the left
 * (`find_fixedlength`), which is what decides its quirks, each measured with OTP 25:
 * - the first item of variable length ends the scan: the error is reported at the end of
 *   that branch (its `|`, or the lookbehind's `)`);
 * - a subroutine call met first defers the branch until the whole pattern is compiled; then
 *   the call counts as the length of the group it calls (not fixed if the call is inside
 *   that group, or the groups call each other), and an error is reported at the pattern's end;
 * - a quantifier that allows zero (`?`, `*`, `{0,2}`) is variable at once; so is `+` on
 *   a group that could match empty by the code compiled so far (PCRE's could-be-empty
 *   bracket, left-recursion.ts `emptyRepeat`); another range is variable once its first
 *   copy is read (a call in it defers the branch first);
 * - a conditional group with one branch counts as that branch;
 * - `(*ACCEPT)` ends its group: the length so far is the group's, later branches unread.
 */
import { childNodes, type RegexNode } from "./ast";

/** Not a fixed length. */
export const VARIABLE = -1;
/** A call was met before the pattern was complete: decided at its end. */
export const DEFERRED = -3;

type Call = Extract<RegexNode, { type: "call" }>;

/** How a scan resolves calls: null before the pattern is complete (`DEFERRED`). */
export type CallLength = ((call: Call) => number) | null;

/** What the length scan reads of the compiled pattern. */
export interface LengthContext {
  calls: CallLength;
  /** Is this repeat's group in PCRE's could-be-empty form (never of fixed length)? */
  emptyRepeat: (r: Extract<RegexNode, { type: "repeat" }>) => boolean;
}

/** A scan's result: a length or a negative code, and whether `(*ACCEPT)` ended it. */
interface Scan {
  len: number;
  accepted: boolean;
}

/** The fixed length of one lookbehind branch, `VARIABLE`, or `DEFERRED`. */
export function branchLength(branch: RegexNode, ctx: LengthContext): number {
  return scan(branch, ctx).len;
}

/** A call's length once the pattern is complete: its group's, unless the call is inside it. */
export function resolvedCalls(
  groups: Map<number, RegexNode>,
  root: RegexNode,
  emptyRepeat: LengthContext["emptyRepeat"],
): CallLength {
  const inside = new Map<number, Set<RegexNode>>();
  const stack: number[] = [];
  const within = (g: number): Set<RegexNode> => {
    let s = inside.get(g);
    if (!s) inside.set(g, (s = collect(g === 0 ? root : groups.get(g)!)));
    return s;
  };
  const resolve = (call: Call): number => {
    const g = call.group;
    const node = g === 0 ? root : groups.get(g);
    // a recursion (the call inside its group) or groups calling each other: not fixed
    if (node === undefined || within(g).has(call) || stack.includes(g)) return VARIABLE;
    stack.push(g);
    try {
      return scan(node.type === "group" ? node.body : node, { calls: resolve, emptyRepeat }).len;
    } finally {
      stack.pop();
    }
  };
  return resolve;
}

function collect(n: RegexNode, out = new Set<RegexNode>()): Set<RegexNode> {
  out.add(n);
  for (const k of childNodes(n)) collect(k, out);
  return out;
}

const done = (len: number): Scan => ({ len, accepted: false });

function scan(n: RegexNode, ctx: LengthContext): Scan {
  switch (n.type) {
    case "set":
      return done(1);
    case "assert":
    case "look":
      return done(0);
    case "verb":
      return n.verb === "ACCEPT" ? { len: 0, accepted: true } : done(0);
    case "backref":
    case "cluster":
      return done(VARIABLE);
    case "call":
      return done(ctx.calls === null ? DEFERRED : ctx.calls(n));
    case "seq": {
      let len = 0;
      for (const it of n.items) {
        const s = scan(it, ctx);
        if (s.len < 0) return s;
        len += s.len;
        if (s.accepted) return { len, accepted: true };
      }
      return done(len);
    }
    case "alt":
      return alternatives(n.alts, ctx);
    case "group":
    case "atomic":
      // a group's (*ACCEPT) ends that group only
      return done(alternatives(n.body.type === "alt" ? n.body.alts : [n.body], ctx).len);
    case "repeat": {
      if (n.max === 0) return done(0); // PCRE leaves the item out
      // zero or more: no length; a group that could be empty repeated: not either
      if (n.min === 0 || ctx.emptyRepeat(n)) return done(VARIABLE);
      // otherwise its first copy is read first (a call in it defers the branch)
      const s = scan(n.body, ctx);
      return s.len < 0 || n.min !== n.max ? done(s.len < 0 ? s.len : VARIABLE) : done(s.len * n.min);
    }
    case "cond":
      return done(alternatives(n.no === null ? [n.yes] : [n.yes, n.no], ctx).len);
  }
}

/** Branches scanned in order: all of one length, or `VARIABLE`; the first negative code wins. */
function alternatives(alts: RegexNode[], ctx: LengthContext): Scan {
  let len = -1;
  for (const a of alts) {
    const s = scan(a, ctx);
    if (s.len < 0) return s;
    if (len >= 0 && s.len !== len) return done(VARIABLE);
    if (s.accepted) return done(s.len); // the later branches are not read
    len = s.len;
  }
  return done(len);
}
