/**
 * The pattern as PCRE 8 sees it while compiling: which group a call reaches, what comes
 * before what, which brackets are open at a node, and whether an item "could be empty" by
 * PCRE's own reckoning (`could_be_empty_branch` over the code compiled so far). The
 * looping-call check (left-recursion.ts) and the lookbehind length scan (fixed-length.ts)
 * both read it; the rules are measured with OTP 25 and documented there.
 */
import { childNodes, type RegexNode } from "./ast";

type Call = Extract<RegexNode, { type: "call" }>;

export class CompiledSoFar {
  private readonly order = new Map<RegexNode, number>();
  private readonly subtree = new Map<RegexNode, number>();
  private readonly parent = new Map<RegexNode, RegexNode>();
  /** Each capturing group number's first group in pattern order (what a call to it calls). */
  private readonly groups = new Map<number, RegexNode>();

  constructor(readonly root: RegexNode) {
    let next = 0;
    const visit = (n: RegexNode): void => {
      this.order.set(n, next++);
      if (n.type === "group" && n.capture !== null && !this.groups.has(n.capture)) this.groups.set(n.capture, n);
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
export function items(branch: RegexNode): RegexNode[] {
  return branch.type === "seq" ? branch.items.flatMap(items) : [branch];
}
