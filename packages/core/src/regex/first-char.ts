/**
 * PCRE 8's "first character" start optimisation, as far as it matters to this matcher:
 * re:compile (no study) records a literal every match must start with, and re:run then
 * only tries start positions holding it. Answers are the same without it, except with
 * (*COMMIT), (*PRUNE) and (*SKIP): `(*COMMIT)abc` finds "abc" in "xyzabc" because the start
 * at "x" is never tried (measured on OTP 25; `(*NO_START_OPT)` turns it off).
 */
import type { RegexNode } from "./ast";
import { hasPartialWide, otherCase, setSize, type ByteSet } from "./byte-set";

/** The bytes a match must start with, null for no such literal, "unknown" when not modelled. */
export type FirstChar = number[] | null | "unknown";

/** The first literal (one byte, or a case pair) of every match of `n`. */
export function firstChar(n: RegexNode): FirstChar {
  switch (n.type) {
    case "set": {
      const l = literal(n.set);
      if (!Array.isArray(l)) return l;
      // PCRE keeps a caseless character as written, with a caseless flag, and branches
      // agree only on the same character and flag: `(?i)A|(?i)a` and `1|(?i)1` have none
      // (a caseless one without a case pair is listed twice to tell it apart); a class of
      // a case pair (`[aA]`) is a first character in PCRE2, not in PCRE 8 (measured)
      if (n.written === undefined) return l.length === 1 ? l : "unknown";
      return l.length === 1 ? [n.written, n.written] : [n.written, l[0] === n.written ? l[1] : l[0]];
    }
    case "seq": {
      for (const it of n.items) {
        // verbs set no first character ((*FAIL) included: its branch then has none)
        if (it.type === "verb" && it.verb !== "ACCEPT") continue;
        if (it.type === "seq" && it.items.length === 0) continue;
        // assertions set no first character, but a multiline `^` clears it (whether PCRE
        // anchors the search is start-filters.ts's question)
        if (it.type === "assert") {
          if (it.kind === "line-start") return null;
          continue;
        }
        // nor do lookarounds (a positive lookahead may give one later: `assertedChar`)
        if (it.type === "look") continue;
        return firstChar(it);
      }
      return null;
    }
    case "alt": {
      const fs = n.alts.map(firstChar);
      // a branch without one leaves the pattern without one, whatever the others
      if (fs.includes(null)) return null;
      if (fs.includes("unknown")) return "unknown";
      const f0 = fs[0] as number[];
      return fs.every((f) => same(f as number[], f0)) ? f0 : null;
    }
    case "group":
    case "atomic":
      return firstChar(n.body);
    case "verb":
      return n.verb === "ACCEPT" ? "unknown" : null;
    case "cluster":
      return null;
    case "repeat":
      // `x*…`: no first character (`.*` may anchor the search: start-filters.ts)
      return n.min >= 1 ? firstChar(n.body) : null;
    case "assert":
      return null;
    default:
      return "unknown";
  }
}

/**
 * PCRE's first character when none is compiled (`firstChar` null): the one every branch
 * asserts first (its find_firstassertedchar), a literal met first inside a positive
 * lookahead that leads each branch (`(?=a)\w` starts with `a`); null when there is none.
 */
export function assertedChar(n: RegexNode, inAssert = false): number[] | null {
  switch (n.type) {
    case "alt": {
      const fs = n.alts.map((a) => assertedChar(a, inAssert));
      const f0 = fs[0];
      return f0 !== null && fs.every((f) => f !== null && same(f, f0)) ? f0 : null;
    }
    case "seq": {
      // its first item, past what PCRE skips: \b, \B, negative and backward assertions
      const lead = n.items.find(
        (it) =>
          !(it.type === "seq" && it.items.length === 0) &&
          !(it.type === "assert" && it.kind.includes("word-boundary")) &&
          !(it.type === "look" && (it.negate || it.behind)),
      );
      return lead === undefined ? null : assertedChar(lead, inAssert);
    }
    case "group":
    case "atomic":
      return assertedChar(n.body, inAssert);
    case "look":
      return !n.negate && !n.behind ? assertedChar(n.body, true) : null;
    case "set": {
      const l = inAssert ? literal(n.set) : null;
      return Array.isArray(l) ? l : null;
    }
    case "repeat":
      return n.min >= 1 ? assertedChar(n.body, inAssert) : null;
    default:
      return null;
  }
}

function literal(set: ByteSet): FirstChar {
  // members above U+00FF: a class (no first character) or a wide literal (not modelled)
  if (hasPartialWide(set)) return setSize(set) === 0 ? "unknown" : null;
  const members: number[] = [];
  for (let b = 0; b < 257 && members.length < 3; b++) if (set[b]) members.push(b);
  if (members.length === 1 && members[0] < 256) return members;
  if (members.length === 2 && members[1] < 256 && otherCase(members[0]) === members[1]) return members;
  return null;
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Verbs that can end a start position (or the search): (*THEN) outside any alternation acts as (*PRUNE). */
const stopsStart = (verb: string) => verb === "COMMIT" || verb === "PRUNE" || verb === "SKIP" || verb === "THEN";

/**
 * Whether (*COMMIT), (*PRUNE), (*SKIP) or (*THEN) can be reached from the start before a character
 * is consumed: only then do the start positions PCRE skips change answers (a skipped start
 * has not the first character, so it fails at the first consuming item, before any verb
 * behind it). Calls and backreferences count as "maybe".
 */
export function leadingVerb(n: RegexNode): boolean {
  return anyVerb(n) && walk(n).verb;
}

function anyVerb(n: RegexNode): boolean {
  switch (n.type) {
    case "verb":
      return stopsStart(n.verb);
    case "seq":
      return n.items.some(anyVerb);
    case "alt":
      return n.alts.some(anyVerb);
    case "cond":
      return (n.cond.kind === "look" && anyVerb(n.cond.look)) || anyVerb(n.yes) || (n.no !== null && anyVerb(n.no));
    case "group":
    case "atomic":
    case "look":
    case "repeat":
      return anyVerb(n.body);
    default:
      return false;
  }
}

/** `verb`: a verb is reachable without consuming; `empty`: `n` may match without consuming. */
function walk(n: RegexNode, thenPrunes = true): { verb: boolean; empty: boolean } {
  const on = (k: RegexNode) => walk(k, thenPrunes);
  switch (n.type) {
    case "verb":
      return { verb: n.verb === "THEN" ? thenPrunes : stopsStart(n.verb), empty: true };
    case "set":
      return { verb: false, empty: false };
    case "assert":
      return { verb: false, empty: true };
    case "backref":
    case "call":
      return { verb: true, empty: true };
    case "seq": {
      for (const it of n.items) {
        const w = on(it);
        if (w.verb) return w;
        if (!w.empty) return { verb: false, empty: false };
      }
      return { verb: false, empty: true };
    }
    case "alt": {
      // inside an alternation (*THEN) moves to the next alternative, at the same start
      const ws = n.alts.map((a) => walk(a, false));
      return { verb: ws.some((w) => w.verb), empty: ws.some((w) => w.empty) };
    }
    case "cond": {
      const ws = [
        n.cond.kind === "look" ? on(n.cond.look) : { verb: false, empty: true },
        walk(n.yes, false),
        n.no ? walk(n.no, false) : { verb: false, empty: true },
      ];
      return { verb: ws.some((w) => w.verb), empty: ws[1].empty || ws[2].empty };
    }
    case "look":
      // (*THEN) in an assertion fails the assertion's branch only
      return { verb: walk(n.body, false).verb, empty: true };
    case "cluster":
      return { verb: false, empty: false };
    case "repeat": {
      const w = on(n.body);
      return { verb: n.max > 0 && w.verb, empty: n.min === 0 || w.empty };
    }
    default:
      return on(n.body);
  }
}
