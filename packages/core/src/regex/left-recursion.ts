/**
 * PCRE 8's compile-time refusal of a recursion that could loop forever, "recursive call
 * could loop indefinitely" at the call's closing byte, reproduced on the AST.
 *
 * PCRE checks a call when it compiles it, so only what comes before the call counts (a
 * quantifier after it, or after a group holding it, is not seen yet). The check runs
 * only for a call to a group that is still open there (an enclosing group, or the whole
 * pattern for `(?R)`), and not at all inside a conditional group. Then each bracket open
 * at the call, from the innermost out to the called group, must "could be empty" from the
 * start of its current branch up to the call: PCRE's `could_be_empty_branch` over the
 * code compiled so far (`CompiledSoFar`). Its rules, each measured with OTP 25 (PCRE 8.44):
 * - a closed item is empty when it can match nothing: assertions, `\b`, `^`, verbs,
 *   backreferences, anything repeated at least zero times, a closed group with an empty
 *   branch, a conditional group with one branch;
 * - a call counts as empty when it was a forward reference or its group is still open
 *   (`((?2)x(?1))(a)` is refused), else as the group it calls; a repeated call is put in
 *   a group first, which counts as empty;
 * - an open bracket met on the way ends the scan as empty (its own branch is checked as
 *   the next level), but an open assertion does not: the scan goes on into its first
 *   branch (`((?=a|(?1)))` compiles, `((?:a|(?1)))` does not).
 */
import { childNodes, groupsByNumber, type RegexNode } from "./ast";

type Call = Extract<RegexNode, { type: "call" }>;

/** The pattern as PCRE sees it part-compiled: which groups a call reaches and in what order. */
export class CompiledSoFar {
  private readonly order = new Map<RegexNode, number>();
  private readonly subtree = new Map<RegexNode, number>();
  readonly groups: Map<number, RegexNode>;

  private readonly parent = new Map<RegexNode, RegexNode>();

  constructor(readonly root: RegexNode) {
    this.groups = groupsByNumber(root);
    let next = 0;
    const visit = (n: RegexNode): void => {
      this.order.set(n, next++);
      for (const k of childNodes(n)) {
        this.parent.set(k, n);
        visit(k);
      }
      this.subtree.set(n, next);
    };
    visit(root);
  }

  /** The nodes enclosing `n`, outermost first (the brackets open when PCRE compiles it). */
  ancestors(n: RegexNode): RegexNode[] {
    const out: RegexNode[] = [];
    for (let p = this.parent.get(n); p !== undefined; p = this.parent.get(p)) out.unshift(p);
    return out;
  }

  /**
   * Does PCRE mark a repeat's group as one that could match empty (its S-bracket form)? It
   * does for a group repeated with no upper bound, when the group could be empty by the
   * code compiled so far; a lookbehind cannot hold that form.
   */
  emptyRepeat(r: Extract<RegexNode, { type: "repeat" }>): boolean {
    // (a larger minimum puts plain copies first, which PCRE's length scan reads first)
    if (r.min !== 1 || r.max !== Infinity || r.body.type !== "group") return false;
    return this.closedEmpty(r.body, this.ancestors(r)) !== false;
  }

  /** The node a call calls (the root for `(?R)`), if it exists. */
  called(call: Call): RegexNode | undefined {
    return call.group === 0 ? this.root : this.groups.get(call.group);
  }

  /** Is `inner` inside `outer` (or `outer` itself)? */
  within(inner: RegexNode, outer: RegexNode): boolean {
    const i = this.order.get(inner)!;
    return i >= this.order.get(outer)! && i < this.subtree.get(outer)!;
  }

  /** Does `a` come before `b` in the pattern? */
  before(a: RegexNode, b: RegexNode): boolean {
    return this.order.get(a)! < this.order.get(b)!;
  }

  /**
   * Could a closed item match empty, as PCRE's could_be_empty_branch sees its code when the
   * compiler stands inside the brackets `open` ("call": a call counted as empty at once,
   * which ends the scan of its branch as empty). `calling`: groups entered through calls.
   */
  closedEmpty(n: RegexNode, open: readonly RegexNode[], calling: RegexNode[] = []): boolean | "call" {
    switch (n.type) {
      case "set":
      case "cluster":
        return false;
      case "call":
        return this.callEmpty(n, open, calling);
      case "seq":
        return this.itemsEmpty(items(n), open, calling);
      case "alt":
        return n.alts.some((a) => this.branchEmpty(a, open, calling));
      case "group":
      case "atomic":
        return this.bodyEmpty(n.body, open, calling);
      case "repeat": {
        // PCRE skips an item repeated at least zero times
        if (n.max === 0 || n.min === 0) return true;
        // and puts a repeated call in a group: a call counted as empty ends only that group
        const e = this.closedEmpty(n.body, open, calling);
        return n.body.type === "call" && e === "call" ? true : e;
      }
      case "cond":
        return n.no === null || this.branchEmpty(n.yes, open, calling) || this.branchEmpty(n.no, open, calling);
      default:
        // assertions, lookarounds, verbs, backreferences match no character
        return true;
    }
  }

  /** Could one of a closed bracket body's branches match empty? */
  bodyEmpty(body: RegexNode, open: readonly RegexNode[], calling: RegexNode[] = []): boolean {
    return body.type === "alt"
      ? body.alts.some((a) => this.branchEmpty(a, open, calling))
      : this.branchEmpty(body, open, calling);
  }

  /** Could a closed branch match empty (a call counted as empty at once ends it as empty)? */
  branchEmpty(branch: RegexNode, open: readonly RegexNode[], calling: RegexNode[] = []): boolean {
    return this.itemsEmpty(items(branch), open, calling) !== false;
  }

  private itemsEmpty(its: RegexNode[], open: readonly RegexNode[], calling: RegexNode[]): boolean | "call" {
    for (const it of its) {
      const e = this.closedEmpty(it, open, calling);
      if (e !== true) return e;
    }
    return true;
  }

  private callEmpty(call: Call, open: readonly RegexNode[], calling: RegexNode[]): boolean | "call" {
    const g = this.called(call);
    // a forward reference, or a group still open: PCRE cannot look, and says empty
    if (g === undefined || open.includes(g) || this.before(call, g)) return "call";
    // a recursion inside the group, or groups calling each other: skipped
    if (this.within(call, g) || calling.includes(g)) return true;
    return this.bodyEmpty(g === this.root ? g : (g as { body: RegexNode }).body, open, [...calling, g]);
  }
}

/** The items of a branch, in order (nested sequences flattened). */
function items(branch: RegexNode): RegexNode[] {
  return branch.type === "seq" ? branch.items.flatMap(items) : [branch];
}

/** The first call (in pattern order) PCRE refuses as a recursion that could loop, or null. */
export function loopingCall(code: CompiledSoFar): Call | null {
  const path: RegexNode[] = [];
  let first: Call | null = null;
  const walk = (n: RegexNode): void => {
    path.push(n);
    if (n.type === "call" && (first === null || n.offset < first.offset) && mayLoop(code, path, n)) first = n;
    for (const k of childNodes(n)) walk(k);
    path.pop();
  };
  walk(code.root);
  return first;
}

/** `path`: from the root down to the call. Is the call refused? */
function mayLoop(code: CompiledSoFar, path: RegexNode[], call: Call): boolean {
  const called = code.called(call);
  const from = called === undefined ? -1 : path.indexOf(called);
  // a forward reference or a closed group is not checked, nor anything inside a condition
  if (from < 0 || path.some((n) => n.type === "cond")) return false;
  // `(?R)`: the pattern itself is the outermost bracket
  if (call.group === 0 && !emptyUpTo(code, branchOf(path[0], path), path)) return false;
  for (let i = from; i < path.length - 1; i++) {
    const n = path[i];
    // brackets: each open one's current branch (sequences, alternations, quantifiers are not)
    if (
      (n.type === "group" || n.type === "atomic" || n.type === "look") &&
      !emptyUpTo(code, branchOf(n.body, path), path)
    )
      return false;
  }
  return true;
}

/** The branch of a bracket's body that holds the call. */
function branchOf(body: RegexNode, path: RegexNode[]): RegexNode {
  return body.type === "alt" ? body.alts.find((a) => path.includes(a))! : body;
}

/**
 * Could `branch` match empty from its start up to the call at the end of `path`? PCRE
 * scans the code compiled so far.
 */
function emptyUpTo(code: CompiledSoFar, branch: RegexNode, path: RegexNode[]): boolean {
  for (const it of items(branch)) {
    if (path.includes(it)) return throughOpen(code, it, path);
    const e = code.closedEmpty(it, path);
    if (e === "call") return true;
    if (!e) return false;
  }
  return true;
}

/** The scan reaches `n`, which holds the call (its end is not compiled yet). */
function throughOpen(code: CompiledSoFar, n: RegexNode, path: RegexNode[]): boolean {
  switch (n.type) {
    case "call":
      return true; // the call itself: the end of the scan
    case "repeat":
      return throughOpen(code, n.body, path); // its quantifier is not seen yet
    case "seq":
      return emptyUpTo(code, n, path);
    case "look": {
      // an open assertion: the scan goes on into its first branch
      const first = n.body.type === "alt" ? n.body.alts[0] : n.body;
      if (path.includes(first)) return emptyUpTo(code, first, path);
      return code.branchEmpty(first, path); // then its `|` ends the scan as empty
    }
    default:
      return true; // an open group: its own branch is the next level's check
  }
}
