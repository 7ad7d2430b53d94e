/**
 * What a thread of `regexToDfa`'s subset construction still requires of the rest of the
 * subject: the next byte / the end (anchors that look ahead) and the pending lookaheads,
 * each a state of its body's anchored DFA. Interned, so threads are small integer pairs.
 */
import type { RegexNode } from "./ast";
import { setOf, type ByteSet } from "./byte-set";
import { DfaTooLarge, type Dfa } from "./dfa";
import type { Nfa } from "./nfa";

/** What the previous byte was: nothing (start of subject), a word byte, `\n`, another byte. */
export const enum Ctx {
  Start = 0,
  Word = 1,
  Newline = 2,
  Other = 3,
}

/**
 * Constraint on the rest of the subject: next byte ∈ next (or end if endOk); thenEnd: end
 * right after it; obl: pending lookaheads, sorted codes of `Lookaheads` (each a state of the
 * anchored DFA of a lookahead body that must, or must not, accept the rest of the subject).
 */
export interface Constraint {
  next: ByteSet;
  endOk: boolean;
  thenEnd: boolean;
  obl: readonly number[];
}

export const ALL = setOf([0, 255]);
export const NONE = setOf();
export const NEWLINE = setOf(0x0a);

/**
 * The lookaheads of one NFA: for each and each previous-byte context, the DFA of the
 * subjects on which the body matches at offset 0. An obligation is coded
 * `((dfa << 16) + state) * 2 + negate` with `dfa = look * 4 + ctx`.
 */
export class Lookaheads {
  readonly dfas: Dfa[] = [];
  private readonly sink: Int8Array[] = [];
  constructor(nfa: Nfa, build: (body: RegexNode, ctx: Ctx) => Dfa) {
    for (const look of nfa.looks)
      for (let ctx = 0; ctx < 4; ctx++) {
        const d = build(look.body, ctx);
        if (d.stateCount >= 65536) throw new DfaTooLarge();
        this.dfas.push(d);
        // 1: accepts every continuation; -1: accepts none; 0: undecided
        this.sink.push(Int8Array.from({ length: d.stateCount }, (_, q) => sinkKind(d, q)));
      }
  }
  /** The obligation of lookahead `look` starting in context `ctx`, normalised. */
  start(look: number, negate: boolean, ctx: Ctx): number | "ok" | "fail" {
    const id = look * 4 + ctx;
    return this.norm(id, this.dfas[id].start, negate);
  }
  /** The obligation after one more byte. */
  step(code: number, b: number): number | "ok" | "fail" {
    const [id, q, neg] = decode(code);
    const d = this.dfas[id];
    return this.norm(id, d.trans[q * d.classCount + d.classOf[b]], neg);
  }
  /** Does the obligation hold when the subject ends here? */
  atEnd(code: number): boolean {
    const [id, q, neg] = decode(code);
    return (this.dfas[id].accepting[q] === 1) !== neg;
  }
  private norm(id: number, q: number, neg: boolean): number | "ok" | "fail" {
    const k = this.sink[id][q];
    if (k !== 0) return (k === 1) !== neg ? "ok" : "fail";
    return ((id << 16) + q) * 2 + (neg ? 1 : 0);
  }
}

function decode(code: number): [number, number, boolean] {
  const x = Math.floor(code / 2);
  return [x >> 16, x & 0xffff, code % 2 === 1];
}

function sinkKind(d: Dfa, q: number): number {
  for (let c = 0; c < d.classCount; c++) if (d.trans[q * d.classCount + c] !== q) return 0;
  return d.accepting[q] ? 1 : -1;
}

/** Interns constraints so that threads are small integer pairs. */
export class Constraints {
  private ids = new Map<string, number>();
  list: Constraint[] = [];
  readonly trivial = this.intern({ next: ALL, endOk: true, thenEnd: false, obl: [] });
  readonly mustEnd = this.intern({ next: NONE, endOk: true, thenEnd: false, obl: [] });
  constructor(private readonly looks: Lookaheads | null = null) {}

  intern(c: Constraint): number {
    const key = `${Buffer.from(c.next).toString("hex")}${+c.endOk}${+c.thenEnd}${c.obl.join(",")}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      // threads pack a constraint id below 65536
      if (this.list.length >= 65535) throw new DfaTooLarge();
      id = this.list.length;
      this.ids.set(key, id);
      this.list.push(c);
    }
    return id;
  }

  /** `a ∧ b`, or -1 when nothing can satisfy it. */
  and(a: number, b: Omit<Constraint, "obl">): number {
    const x = this.list[a];
    const next = x.next.map((v, i) => v & b.next[i]);
    const endOk = x.endOk && b.endOk;
    if (!endOk && next.every((v) => v === 0)) return -1;
    return this.intern({ next, endOk, thenEnd: x.thenEnd || b.thenEnd, obl: x.obl });
  }

  /** `a` with one more lookahead obligation, or -1 when it cannot hold. */
  withLook(a: number, look: number, negate: boolean, ctx: Ctx): number {
    const o = this.looks!.start(look, negate, ctx);
    if (o === "fail") return -1;
    if (o === "ok") return a;
    const x = this.list[a];
    if (x.obl.includes(o)) return a;
    return this.intern({ ...x, obl: [...x.obl, o].sort((p, q) => p - q) });
  }

  /** The constraint after reading byte `b` (which `a.next` allows), or -1. */
  advance(a: number, b: number): number {
    const x = this.list[a];
    const base = x.thenEnd ? this.mustEnd : this.trivial;
    if (x.obl.length === 0) return base;
    const obl = new Set<number>();
    for (const code of x.obl) {
      const o = this.looks!.step(code, b);
      if (o === "fail") return -1;
      if (o !== "ok") obl.add(o);
    }
    if (obl.size === 0) return base;
    return this.intern({ ...this.list[base], obl: [...obl].sort((p, q) => p - q) });
  }

  /** Can the subject end here under constraint `a`? */
  endAccepts(a: number): boolean {
    const x = this.list[a];
    return x.endOk && x.obl.every((code) => this.looks!.atEnd(code));
  }
}
