/**
 * PCRE2 (OTP 28) studies every pattern for the shortest subject a match needs, and re:run
 * gives up once fewer code units remain (pcre2_study.c find_minlength, read for 10.45;
 * PCRE 8 as Erlang uses it has no study). That bound is sound except for one rule: a
 * branch after the first that holds a backreference or call into a group enclosing it
 * ("recursion") does not lower its group's minimum. So `(a(?>x|\1?))` needs two bytes and
 * finds no match in "a" (measured). The rule is not followed here: a pattern where it may
 * apply is left unanswered under PCRE2.
 */
import { childNodes, type RegexNode } from "./ast";

/** Could PCRE2's minimum length be larger than the shortest match of `root`? */
export function mayOverstateMinLength(root: RegexNode): boolean {
  if (!refersIntoOwnGroup(root)) return false;
  const laterBranchRefers = (n: RegexNode): boolean =>
    (n.type === "alt" && n.alts.slice(1).some(refers)) || childNodes(n).some(laterBranchRefers);
  return laterBranchRefers(root);
}

/** Any call, or a backreference inside the group it names or to a group that holds one. */
function refersIntoOwnGroup(root: RegexNode): boolean {
  const holdsRef = new Set<number>();
  const visit = (n: RegexNode, open: number[]): boolean => {
    if (n.type === "call" || (n.type === "backref" && (open.includes(n.group) || holdsRef.has(n.group)))) return true;
    if (n.type === "backref") for (const g of open) holdsRef.add(g);
    const inner = n.type === "group" && n.capture !== null ? [...open, n.capture] : open;
    return childNodes(n).some((k) => visit(k, inner));
  };
  // twice: a backreference may name a group that only later turns out to hold one
  return visit(root, []) || visit(root, []);
}

/** Whether `n` holds a backreference or a call. */
function refers(n: RegexNode): boolean {
  return n.type === "backref" || n.type === "call" || childNodes(n).some(refers);
}
