/**
 * Thompson NFA of a parsed pattern for language analysis. Only constructs whose match
 * LANGUAGE does not depend on backtracking order are accepted: byte sets, sequences,
 * alternatives, groups, greedy/lazy repeats, the anchor assertions and lookaheads (a
 * lookahead is zero-width, so only whether its body matches there counts, never how).
 * Atomic groups, possessive quantifiers, lookbehinds and backreferences are refused with a reason.
 */
import type { AssertKind, RegexNode } from "./ast";
import type { ByteSet } from "./byte-set";

export interface NfaState {
  eps: number[];
  asserts: { kind: AssertKind; to: number }[];
  edges: { set: ByteSet; to: number }[];
  /** Lookahead `Nfa.looks[look]` must hold here (zero-width) to go on to `to`. */
  looks: { look: number; to: number }[];
}

/** A lookahead: its body must (or, `negate`, must not) match at the position. */
export interface NfaLook {
  body: RegexNode;
  negate: boolean;
}

export interface Nfa {
  states: NfaState[];
  start: number;
  final: number;
  looks: NfaLook[];
}

/** Thrown when the pattern is outside the analysable subset or too large. */
export class NotRegular extends Error {}

const MAX_NFA_STATES = 20_000;

/** Builds the NFA of `root` (the pattern's own language, no implicit search). */
export function buildNfa(root: RegexNode): Nfa {
  const states: NfaState[] = [];
  const looks: NfaLook[] = [];
  const add = (): number => {
    if (states.length >= MAX_NFA_STATES) throw new NotRegular("too large");
    states.push({ eps: [], asserts: [], edges: [], looks: [] });
    return states.length - 1;
  };
  /** Wires `node` from state `from`; returns the exit state. */
  const build = (n: RegexNode, from: number): number => {
    switch (n.type) {
      case "set": {
        const to = add();
        states[from].edges.push({ set: n.set, to });
        return to;
      }
      case "seq":
        return n.items.reduce((s, it) => build(it, s), from);
      case "alt": {
        const out = add();
        for (const a of n.alts) {
          const s = add();
          states[from].eps.push(s);
          states[build(a, s)].eps.push(out);
        }
        return out;
      }
      case "group":
        return build(n.body, from);
      case "assert": {
        const to = add();
        states[from].asserts.push({ kind: n.kind, to });
        return to;
      }
      case "repeat":
        return buildRepeat(n, from);
      case "atomic":
        throw new NotRegular("atomic group or possessive quantifier (its language depends on backtracking order)");
      case "cluster":
        throw new NotRegular("\\X (a grapheme cluster never gives characters back)");
      case "verb":
      case "call":
      case "cond":
        throw new NotRegular(`${n.type} (backtracking control, recursion or conditional)`);
      case "look": {
        if (n.behind) throw new NotRegular("lookbehind assertion");
        const to = add();
        states[from].looks.push({ look: looks.push({ body: n.body, negate: n.negate }) - 1, to });
        return to;
      }
      case "backref":
        throw new NotRegular("backreference (not a regular language)");
    }
  };
  const buildRepeat = (n: Extract<RegexNode, { type: "repeat" }>, from: number): number => {
    if (n.mode === "possessive")
      throw new NotRegular("atomic group or possessive quantifier (its language depends on backtracking order)");
    let cur = from;
    for (let k = 0; k < n.min; k++) cur = build(n.body, cur);
    if (n.max === Infinity) {
      const loop = add();
      states[cur].eps.push(loop);
      states[build(n.body, loop)].eps.push(loop);
      return loop;
    }
    const out = add();
    for (let k = n.min; k < n.max; k++) {
      states[cur].eps.push(out);
      cur = build(n.body, cur);
    }
    states[cur].eps.push(out);
    return out;
  };
  const start = add();
  const final = build(root, start);
  return { states, start, final, looks };
}
