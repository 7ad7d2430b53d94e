/**
 * A quirk of PCRE's auto-possessification, in PCRE 8 and PCRE2 alike (measured with erl and
 * with PCRE2 10.45): a greedy single-character repeat followed by an atomic group is made
 * possessive when the group's branches before the last may reach its end. PCRE checks those
 * branches in a fresh call that forgets it entered a group, and at an atomic group's end
 * takes what follows as irrelevant; so `\w*(?>|\W)ab` finds no match in "ab-1" although
 * `\w*(?:|\W)ab` does. Which repeats PCRE then possessifies depends on its own comparison
 * of character lists; this is not followed, so a pattern where the quirk may apply is left
 * unanswered (`mayAutoPossessQuirk`).
 */
import { childNodes, type RegexNode } from "./ast";
import { setSize } from "./byte-set";
import { nullable } from "./emit-js";

/**
 * Could the quirk change a repeat of `root`: a greedy one-character repeat followed by an
 * atomic group (or a possessive group repeat, which PCRE wraps in one) that may reach its
 * end through such a fresh call: a branch before the last, or an optional group inside
 * (PCRE checks what follows a zero-repeat in a fresh call too: `[a-c]*(?:A)?+a` finds no
 * match in "aaa", measured)? "Followed" as PCRE compares: the next item, or past the end of
 * a plain group the next one after it.
 */
export function mayAutoPossessQuirk(root: RegexNode): boolean {
  // `next`: what follows `n` in PCRE's comparison, null where it stops looking
  const visit = (n: RegexNode, next: RegexNode | null): boolean => {
    switch (n.type) {
      case "seq":
        return n.items.some((it, i) => visit(it, n.items.slice(i + 1).find((k) => !noCode(k)) ?? next));
      case "alt":
        return n.alts.some((a) => visit(a, next));
      case "group":
        return visit(n.body, next);
      case "repeat":
        if (n.mode === "greedy" && n.max > n.min && n.body.type === "set" && next !== null && quirky(next)) return true;
        if (n.mode !== "possessive" && n.max > n.min && next !== null && newlineClash(n.body, next)) return true;
        return visit(n.body, null);
      default:
        return childNodes(n).some((k) => visit(k, null));
    }
  };
  return visit(root, null);
}

/** An atomic group, or a possessive group repeat, whose end a fresh comparison may reach. */
function quirky(n: RegexNode): boolean {
  if (n.type === "atomic") return reachesEndFreshly(n.body);
  return n.type === "repeat" && n.mode === "possessive" && n.body.type === "group" && reachesEndFreshly(n);
}

/**
 * PCRE's table of item pairs it may make possessive takes `\R` and `.`, and `\R` and `\s`,
 * as having no character in common, though `.` and `\s` match \v, \f or \x85 (in PCRE 8
 * and PCRE2, measured): `^\R*.$` and even `^\R*?.$` find no match in "\v", `.*\R` none in
 * "a\v". Any repeat of `\R` before a set sharing one of its characters, or of such a set
 * before `\R`, may be hit.
 */
function newlineClash(body: RegexNode, next: RegexNode): boolean {
  const isR = (n: RegexNode) => n.type === "atomic" && n.newline === true;
  const VERTICAL = [0x0a, 0x0b, 0x0c, 0x0d, 0x85];
  // a set with one of \R's characters and more (`\v`, `\x0b` PCRE compares exactly)
  const sharesAndMore = (n: RegexNode) =>
    n.type === "set" &&
    VERTICAL.some((c) => n.set[c] === 1) &&
    setSize(n.set) > VERTICAL.filter((c) => n.set[c]).length;
  // `.` and the like (a class of almost every byte PCRE would compare exactly: counted too)
  const dotLike = (n: RegexNode) => n.type === "set" && setSize(n.set) >= 250;
  return (isR(body) && sharesAndMore(next)) || (dotLike(body) && isR(next));
}

/** Option settings and `\Q\E` leave no code. */
const noCode = (n: RegexNode) => n.type === "seq" && n.items.length === 0;

/**
 * May PCRE's comparison reach the end of an atomic body `n` in a fresh call (see above)? It
 * makes one for each branch but the last, and for what follows an optional group; it walks
 * on only past items that may be empty.
 */
function reachesEndFreshly(n: RegexNode): boolean {
  switch (n.type) {
    case "alt":
      return n.alts.slice(0, -1).some(nullable) || n.alts.some(reachesEndFreshly);
    case "seq":
      for (const it of n.items) {
        if (reachesEndFreshly(it)) return true;
        if (!nullable(it)) return false;
      }
      return false;
    case "repeat":
      // an optional group (PCRE's BRAZERO), not an optional character or backreference
      return (n.min === 0 && (n.body.type === "group" || n.body.type === "atomic")) || reachesEndFreshly(n.body);
    case "group":
    case "atomic":
      return reachesEndFreshly(n.body);
    default:
      return false;
  }
}
