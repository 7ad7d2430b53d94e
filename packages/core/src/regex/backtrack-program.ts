/**
 * Compiles a parsed pattern (ast.ts) into the flat instruction list the backtracking
 * matcher (backtrack-run.ts) interprets. Flat code with jumps keeps the matcher iterative:
 * nesting depth of the pattern never becomes JS call depth.
 */
import type { AssertKind, BacktrackVerb, ParsedRegex, RegexNode } from "./ast";
import { surelyAnchored, type StartFilter } from "./start-filters";
import { HIGH, hasPartialWide, wideRangesOf, type ByteSet, type RegexFlavor } from "./byte-set";
import { inRanges } from "./wide-ranges";
import { utfMinLoop } from "./emit-js";
import { PCRE_MATCH_LIMIT, stepLimit } from "./backtrack-run";

/** Whether a character (byte, or code point in UTF-8 mode) belongs to a set. */
export type CharTest = (c: number) => boolean;

/** One instruction; `next` is always pc + 1 unless a field says otherwise. */
export type Op =
  | { op: "char"; test: CharTest }
  /** `\X`: one grapheme cluster (never gives characters back). */
  | { op: "cluster" }
  /** A repeat of one character class, with its own backtracking choice. */
  | { op: "rep-char"; test: CharTest; min: number; max: number; mode: "greedy" | "lazy" | "possessive" }
  /** Tries pc + 1 first; on backtracking `alt` (`alt-id`: the alternation it belongs to, for (*THEN)). */
  | { op: "split"; alt: number; altId: number }
  | { op: "jmp"; to: number }
  /** Pushes a (*THEN) barrier for alternation `altId`. */
  | { op: "alt-enter"; altId: number }
  | { op: "open"; group: number }
  /** Entering a non-capturing group: a step, as PCRE's match() is called for it. */
  | { op: "enter" }
  | { op: "close"; group: number; called: boolean }
  | { op: "assert"; kind: AssertKind }
  | { op: "backref"; group: number; caseless: boolean; anyOf?: number[] }
  | { op: "atomic-start" }
  | { op: "atomic-end" }
  | { op: "look-start"; negate: boolean; after: number }
  | { op: "look-end"; negate: boolean }
  /** Lookbehind branch: moves back `len` characters (fails before the start). */
  | { op: "back"; len: number }
  | { op: "rep-start" }
  | { op: "rep-loop"; min: number; max: number; lazy: boolean; exit: number }
  | { op: "rep-next"; loop: number }
  | { op: "call"; group: number }
  | { op: "cond-group"; group: number; no: number }
  | { op: "cond-rec"; group: number | null; no: number }
  | { op: "verb"; verb: Exclude<BacktrackVerb, "FAIL" | "ACCEPT">; name?: string; altId: number }
  | { op: "fail" }
  | { op: "accept" }
  | { op: "match" };

/** A compiled program: `groupStart[n]` is the pc of group n's `open` (0: the whole pattern). */
export interface Program {
  ops: Op[];
  groupStart: number[];
  groupCount: number;
  word: CharTest;
  /** Other case of each byte (flavor's table), for caseless backreferences. */
  otherCase: Uint16Array;
  utf: boolean;
  /** Start positions must hold one of these (PCRE's first-character optimisation), or null. */
  firstChar: number[] | null;
  /**
   * When which start positions PCRE tries is not known (start-filters.ts): the filters it
   * could use; a subject's answer is known where all of them and none agree.
   */
  startFilters: StartFilter[] | null;
  /** The newline convention `$`, `\Z` and `^`/`$` under (?m) use. */
  newline: "LF" | "CR" | "CRLF" | "ANYCRLF" | "ANY";
  /** After a failed start at CR LF, re:run's next start skips the LF (no explicit CR/LF in the pattern). */
  skipCrLf: boolean;
  /** The step limit (re:run's match limit, or a lower `(*LIMIT_MATCH=n)`). */
  limit: number;
  /** PCRE 8 runs a subroutine call or recursion as an atomic group; PCRE2 can backtrack into it. */
  atomicCalls: boolean;
  /** Whose case classes caseless backreferences use in UTF-8 mode. */
  flavor: RegexFlavor;
  /** PCRE surely anchors the pattern (start-filters.ts `surelyAnchored`): only the start is tried. */
  anchored: boolean;
}

/** A test function for a set: bytes by table, code points above U+00FF by its wide part. */
export function charTest(set: ByteSet): CharTest {
  if (!hasPartialWide(set)) {
    const high = set[HIGH] === 1;
    return (c) => (c < 256 ? set[c] === 1 : high);
  }
  const rs = wideRangesOf(set);
  return (c) => (c < 256 ? set[c] === 1 : inRanges(rs, c));
}

/** Compiles `parsed` (which must have no `unmatchable` construct). */
export function compileProgram(
  parsed: ParsedRegex,
  otherCase: Uint16Array,
  firstChar: number[] | null = null,
  startFilters: StartFilter[] | null = null,
): Program {
  const b = new Builder(calledGroups(parsed.root));
  b.node(parsed.root, -1);
  b.emit({ op: "match" });
  b.groupStart[0] = 0;
  return {
    ops: b.ops,
    groupStart: b.groupStart,
    groupCount: parsed.groupCount,
    word: charTest(parsed.word),
    otherCase,
    utf: parsed.utf,
    firstChar,
    startFilters,
    newline: parsed.newline ?? "LF",
    skipCrLf: !parsed.hasCrOrLf && ["CRLF", "ANYCRLF", "ANY"].includes(parsed.newline ?? "LF"),
    limit: stepLimit(Math.min(parsed.limitMatch ?? PCRE_MATCH_LIMIT, PCRE_MATCH_LIMIT)),
    atomicCalls: parsed.flavor !== "pcre2-ascii",
    flavor: parsed.flavor,
    anchored: surelyAnchored(parsed),
  };
}

function calledGroups(root: RegexNode): Set<number> {
  const out = new Set<number>();
  const walk = (n: RegexNode): void => {
    if (n.type === "call") out.add(n.group);
    if (n.type === "seq") n.items.forEach(walk);
    else if (n.type === "alt") n.alts.forEach(walk);
    else if (n.type === "cond") [n.cond.kind === "look" ? n.cond.look : null, n.yes, n.no].forEach((k) => k && walk(k));
    else if ("body" in n) walk(n.body);
  };
  walk(root);
  return out;
}

/** Whether (*THEN) occurs in `n` outside any nested alternation (it then belongs to `n`'s). */
function hasThen(n: RegexNode): boolean {
  if (n.type === "verb") return n.verb === "THEN";
  if (n.type === "seq") return n.items.some(hasThen);
  if (n.type === "alt") return n.alts.some(hasThen);
  if (n.type === "cond") return hasThen(n.yes) || (n.no !== null && hasThen(n.no));
  return "body" in n && n.type !== "look" ? hasThen(n.body) : false;
}

class Builder {
  ops: Op[] = [];
  groupStart: number[] = [];
  private alts = 0;
  constructor(private readonly called: Set<number>) {}

  emit(op: Op): number {
    this.ops.push(op);
    return this.ops.length - 1;
  }

  /** Emits `n`; `altId` is the innermost enclosing alternation (for (*THEN)), -1 for none. */
  node(n: RegexNode, altId: number): void {
    switch (n.type) {
      case "set":
        this.emit({ op: "char", test: charTest(n.set) });
        return;
      case "seq":
        for (const it of n.items) this.node(it, altId);
        return;
      case "alt":
        return this.alternation(n.alts, altId);
      case "group":
        return this.group(n, altId);
      case "atomic":
        this.emit({ op: "atomic-start" });
        this.node(n.body, altId);
        this.emit({ op: "atomic-end" });
        return;
      case "look":
        return this.look(n, altId);
      case "repeat":
        return this.repeat(n, altId);
      case "assert":
        this.emit({ op: "assert", kind: n.kind });
        return;
      case "cluster":
        this.emit({ op: "cluster" });
        return;
      case "backref":
        this.emit({ op: "backref", group: n.group, caseless: n.caseless, anyOf: n.anyOf });
        return;
      case "call":
        this.emit({ op: "call", group: n.group });
        return;
      case "cond":
        return this.conditional(n, altId);
      case "verb":
        if (n.verb === "FAIL") this.emit({ op: "fail" });
        else if (n.verb === "ACCEPT") this.emit({ op: "accept" });
        else this.emit({ op: "verb", verb: n.verb, name: n.name, altId });
        return;
    }
  }

  private alternation(alts: RegexNode[], outer: number, forceId?: number): void {
    const id = forceId ?? this.alts++;
    if (alts.some(hasThen)) this.emit({ op: "alt-enter", altId: id });
    const jumps: number[] = [];
    alts.forEach((a, k) => {
      const split = k < alts.length - 1 ? this.emit({ op: "split", alt: -1, altId: id }) : -1;
      this.node(a, id);
      if (k < alts.length - 1) {
        jumps.push(this.emit({ op: "jmp", to: -1 }));
        (this.ops[split] as { alt: number }).alt = this.ops.length;
      }
    });
    for (const j of jumps) (this.ops[j] as { to: number }).to = this.ops.length;
    void outer;
  }

  private group(n: Extract<RegexNode, { type: "group" }>, altId: number): void {
    if (n.capture === null) {
      this.emit({ op: "enter" });
      return this.node(n.body, altId);
    }
    const at = this.emit({ op: "open", group: n.capture });
    // a branch reset group defines a number twice; calls go to the first definition
    this.groupStart[n.capture] ??= at;
    this.node(n.body, altId);
    this.emit({ op: "close", group: n.capture, called: this.called.has(n.capture) });
  }

  private look(n: Extract<RegexNode, { type: "look" }>, altId: number): void {
    const start = this.emit({ op: "look-start", negate: n.negate, after: -1 });
    // (*THEN) does not reach past an assertion: without an alternative left in it, the
    // assertion's branch fails (measured, PCRE 8 and PCRE2)
    if (!n.behind) this.alternation(n.body.type === "alt" ? n.body.alts : [n.body], altId);
    else {
      // each top-level branch has its own fixed length (PCRE 8 checked it at compile time)
      const branches = n.body.type === "alt" ? n.body.alts : [n.body];
      const seqs: RegexNode[] = branches.map((br) => ({ type: "seq", items: [br] }));
      const id = this.alts++;
      if (seqs.some(hasThen)) this.emit({ op: "alt-enter", altId: id });
      const jumps: number[] = [];
      seqs.forEach((br, k) => {
        const split = k < seqs.length - 1 ? this.emit({ op: "split", alt: -1, altId: id }) : -1;
        this.emit({ op: "back", len: n.lengths![k] });
        this.node(br, id);
        if (k < seqs.length - 1) {
          jumps.push(this.emit({ op: "jmp", to: -1 }));
          (this.ops[split] as { alt: number }).alt = this.ops.length;
        }
      });
      for (const j of jumps) (this.ops[j] as { to: number }).to = this.ops.length;
    }
    this.emit({ op: "look-end", negate: n.negate });
    (this.ops[start] as { after: number }).after = this.ops.length;
  }

  private repeat(n: Extract<RegexNode, { type: "repeat" }>, altId: number): void {
    const split = utfMinLoop(n);
    if (split) return this.node(split, altId);
    if (n.body.type === "set") {
      this.emit({ op: "rep-char", test: charTest(n.body.set), min: n.min, max: n.max, mode: n.mode });
      return;
    }
    if (n.max === 0) return;
    if (n.mode === "possessive") this.emit({ op: "atomic-start" });
    this.emit({ op: "rep-start" });
    const loop = this.emit({ op: "rep-loop", min: n.min, max: n.max, lazy: n.mode === "lazy", exit: -1 });
    this.node(n.body, altId);
    this.emit({ op: "rep-next", loop });
    (this.ops[loop] as { exit: number }).exit = this.ops.length;
    if (n.mode === "possessive") this.emit({ op: "atomic-end" });
  }

  /** Assertion conditions become `(?:(?=c)yes|(?!c)no)`: the same decisions, c tried again. */
  private conditional(n: Extract<RegexNode, { type: "cond" }>, altId: number): void {
    const no: RegexNode = n.no ?? { type: "seq", items: [] };
    const c = n.cond;
    if (c.kind === "look") {
      const yesBranch: RegexNode = { type: "seq", items: [c.look, n.yes] };
      const noBranch: RegexNode = { type: "seq", items: [{ ...c.look, negate: !c.look.negate }, no] };
      return this.alternation([yesBranch, noBranch], altId);
    }
    const test =
      c.kind === "group"
        ? this.emit({ op: "cond-group", group: c.group, no: -1 })
        : this.emit({ op: "cond-rec", group: c.kind === "define" ? -1 : c.group, no: -1 });
    this.node(n.yes, altId);
    const jmp = this.emit({ op: "jmp", to: -1 });
    (this.ops[test] as { no: number }).no = this.ops.length;
    this.node(no, altId);
    (this.ops[jmp] as { to: number }).to = this.ops.length;
  }
}
