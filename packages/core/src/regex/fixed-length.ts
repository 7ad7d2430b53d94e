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
 *   bracket, compiled-so-far.ts `emptyRepeat`); another range is variable once its first
 *   copy is read (a call in it defers the branch first);
 * - a conditional group with one branch counts as that branch;
 * - `(*ACCEPT)` ends its group: the length so far is the group's, later branches unread.
 */
import type { RegexNode } from "./ast";
import type { CompiledSoFar } from "./compiled-so-far";

/** Not a fixed length. */
export const VARIABLE = -1;
/** A call was met before the pattern was complete: decided at its end. */
export const DEFERRED = -3;

/** What a scan reads: the pattern, and the groups being measured through calls (null: calls defer). */
interface LengthContext {
  code: CompiledSoFar;
  calling: RegexNode[] | null;
}

/** A scan's result: a length or a negative code, and whether `(*ACCEPT)` ended it. */
interface Scan {
  len: number;
  accepted: boolean;
}

/**
 * The fixed length of one lookbehind branch, `VARIABLE`, or `DEFERRED` (a call met first);
 * `complete`: the pattern is complete, so a call counts as the group it calls.
 */
export function branchLength(branch: RegexNode, code: CompiledSoFar, complete: boolean): number {
  return scan(branch, { code, calling: complete ? [] : null }).len;
}

/** A call's length once the pattern is complete: its group's, unless the call is inside it. */
function callLength(call: Extract<RegexNode, { type: "call" }>, { code, calling }: LengthContext): number {
  if (calling === null) return DEFERRED;
  const g = code.called(call);
  // a recursion (the call inside its group) or groups calling each other: not fixed
  if (g === undefined || code.within(call, g) || calling.includes(g)) return VARIABLE;
  return scan(g.type === "group" ? g.body : g, { code, calling: [...calling, g] }).len;
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
      return done(callLength(n, ctx));
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
      if (n.min === 0 || ctx.code.emptyRepeat(n)) return done(VARIABLE);
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
