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
 * code compiled so far (compiled-so-far.ts). Its rules, each measured with OTP 25 (PCRE 8.44):
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
import { childNodes, type RegexNode } from "./ast";
import { items, type CompiledSoFar } from "./compiled-so-far";

type Call = Extract<RegexNode, { type: "call" }>;

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
