/**
 * The backtracking matcher: runs a Program (backtrack-program.ts) over a subject the way
 * PCRE 8's match() does: unanchored search from each start position in turn, choices
 * tried in PCRE's order, an explicit choice stack (no JS recursion), and a step counter
 * that stands in for PCRE's count of match() calls (`match_limit`, per start position).
 */
import type { Op, Program } from "./backtrack-program";
import { requiredFollows, startsAt, type StartFilter } from "./start-filters";
import { anyNewline, newlineLength } from "./start-options";
import { sameCaseless } from "./case-fold";
import { clusterEnd } from "./pcre-ucd";

/** PCRE's default match limit, which Erlang's re:run keeps (calls of PCRE's match()). */
export const PCRE_MATCH_LIMIT = 10_000_000;

/**
 * The same limit in this matcher's steps. A step is a choice point, a group entry, a call
 * or a character-repeat position; PCRE's match() is called about 1.5 times as often
 * (calibrated on 14 catastrophic patterns against re:run on OTP 25, see
 * backtrack-limit.erl.test.ts: with 1.5 the first subject length that hits the limit is
 * PCRE's for 13 of them and one byte longer for `(\w+\s?)*$`).
 */
export const MATCH_LIMIT = stepLimit(PCRE_MATCH_LIMIT);

/** A limit on PCRE's match() calls in this matcher's steps. */
export function stepLimit(pcreCalls: number): number {
  return Math.round(pcreCalls / 1.5);
}

/** `limit`: the step limit was hit (re:run reports an error, which EMQX takes as nomatch). */
/** `unknown`: the start positions PCRE tries decide it, and they are not known (start-filters.ts). */
export type SearchResult = "match" | "nomatch" | "limit" | "error" | "unknown";

/** Frames record what the current path has entered and not yet left (immutable list). */
type Frame =
  | { k: "open"; pos: number; next: Frame | null }
  | { k: "atomic"; height: number; next: Frame | null }
  | { k: "look"; height: number; pos: number; negate: boolean; after: number; next: Frame | null }
  | { k: "rep"; count: number; start: number; next: Frame | null }
  | { k: "call"; group: number; ret: number; height: number; pos: number; caps: Int32Array; next: Frame | null };

type Mark = { name: string; pos: number; next: Mark | null };

const enum Kind {
  Alt,
  Greedy,
  Lazy,
  Barrier,
  Verb,
}

/** A backtracking point. */
interface Choice {
  kind: Kind;
  pc: number;
  pos: number;
  trail: number;
  frames: Frame | null;
  marks: Mark | null;
  /** Greedy: lowest position; Lazy: highest position; Alt/Barrier: alternation id. */
  bound: number;
  op: Op | null;
}

/** Outcome of one start position. */
/**
 * `unknown`, under PCRE2 only: it may stop with "recursion loop" here (when the nearest call
 * of the same group started at this position and nothing further in the subject was
 * inspected since, its last_used_ptr: not followed here, nor which starts PCRE2 skips); or
 * (*ACCEPT) inside a call, where PCRE2 10.45 returns an internal code re:run raises on.
 */
type Attempt = { r: "match" | "nomatch" | "limit" | "error" | "commit" | "unknown" } | { r: "skip"; to: number };

/**
 * Searches `subject` (bytes, or code points in UTF-8 mode) like re:run; `stats.maxSteps`
 * receives the most steps one start position took (for measuring against PCRE).
 */
export function search(
  prog: Program,
  subject: ArrayLike<number>,
  limit = MATCH_LIMIT,
  stats?: { maxSteps: number },
  filter?: StartFilter | null,
): SearchResult {
  const anchored = filter ? filter.kind === "anchored" : prog.anchored;
  const m = new Machine(prog, subject, limit, anchored);
  const first = prog.firstChar;
  const n = subject.length;
  const req = filter?.kind === "first" ? filter.req : undefined;
  const units = req === undefined ? null : codeUnits(subject, prog.utf);
  for (let start = 0; start <= n;) {
    if (filter) {
      // one of the start optimisations PCRE may have chosen (start-filters.ts)
      while (start <= n && !startsAt(filter, subject, start, prog.utf)) start++;
      if (start > n) return "nomatch";
      if (units !== null && !requiredFollows(req!, units.units, units.offset?.[start] ?? start)) return "nomatch";
    } else if (filter === undefined && first !== null) {
      while (start < n && !first.includes(subject[start])) start++;
      if (start >= n) return "nomatch";
    }
    const a = m.attempt(start);
    if (stats) stats.maxSteps = Math.max(stats.maxSteps, m.steps);
    if (a.r === "match") return "match";
    if (a.r === "limit" || a.r === "error") return a.r;
    if (a.r === "unknown") return "unknown";
    if (a.r === "commit" || anchored) return "nomatch";
    const next = a.r === "skip" && a.to > start ? a.to : start + 1;
    start = prog.skipCrLf && next === start + 1 && subject[start] === 0x0d && subject[next] === 0x0a ? next + 1 : next;
  }
  return "nomatch";
}

class Machine {
  private caps: Int32Array;
  private trailIdx: number[] = [];
  private trailVal: number[] = [];
  private stack: Choice[] = [];
  steps = 0;

  constructor(
    private readonly prog: Program,
    private readonly s: ArrayLike<number>,
    private readonly limit: number,
    /** Only the subject's start is tried (PCRE anchored the pattern). */
    private readonly anchored: boolean,
  ) {
    this.caps = new Int32Array(2 * (prog.groupCount + 1)).fill(-1);
  }

  private setCap(i: number, v: number): void {
    this.trailIdx.push(i);
    this.trailVal.push(this.caps[i]);
    this.caps[i] = v;
  }

  private undo(to: number): void {
    const { trailIdx, trailVal, caps } = this;
    while (trailIdx.length > to) caps[trailIdx.pop()!] = trailVal.pop()!;
  }

  private push(
    kind: Kind,
    pc: number,
    pos: number,
    frames: Frame | null,
    marks: Mark | null,
    bound = -1,
    op: Op | null = null,
  ): void {
    this.stack.push({ kind, pc, pos, trail: this.trailIdx.length, frames, marks, bound, op });
  }

  private isWord(i: number): boolean {
    return i >= 0 && i < this.s.length && this.prog.word(this.s[i]);
  }

  /** Runs the program anchored at `start`. */
  attempt(start: number): Attempt {
    const { ops } = this.prog;
    const s = this.s;
    const len = s.length;
    this.steps = 0;
    this.stack.length = 0;
    this.undo(0);
    let pc = 0;
    let pos = start;
    let frames: Frame | null = null;
    let marks: Mark | null = null;
    for (;;) {
      let ok = true;
      const op = ops[pc];
      switch (op.op) {
        case "char":
          if (pos < len && op.test(s[pos])) {
            pos++;
            pc++;
          } else ok = false;
          break;
        case "cluster":
          if (pos < len) {
            pos = clusterEnd(s, pos);
            pc++;
          } else ok = false;
          break;
        case "rep-char": {
          let n = 0;
          const lazy = op.mode === "lazy";
          const want = lazy ? op.min : op.max;
          while (n < want && pos + n < len && op.test(s[pos + n])) n++;
          if (n < op.min) {
            ok = false;
            break;
          }
          // PCRE calls match() for the first position tried too
          if (op.mode === "greedy" && n > op.min) {
            if (++this.steps > this.limit) return { r: "limit" };
            this.push(Kind.Greedy, pc + 1, pos + n, frames, marks, pos + op.min);
          }
          if (lazy && op.max > op.min) {
            if (++this.steps > this.limit) return { r: "limit" };
            this.push(Kind.Lazy, pc + 1, pos + n, frames, marks, op.max === Infinity ? Infinity : pos + op.max, op);
          }
          pos += n;
          pc++;
          break;
        }
        case "split":
          if (++this.steps > this.limit) return { r: "limit" };
          this.push(Kind.Alt, op.alt, pos, frames, marks, op.altId);
          pc++;
          break;
        case "jmp":
          pc = op.to;
          break;
        case "alt-enter":
          this.push(Kind.Barrier, pc, pos, frames, marks, op.altId);
          pc++;
          break;
        case "open":
          if (++this.steps > this.limit) return { r: "limit" };
          frames = { k: "open", pos, next: frames };
          pc++;
          break;
        case "close": {
          const f = frames as Extract<Frame, { k: "open" }>;
          this.setCap(2 * op.group, f.pos);
          this.setCap(2 * op.group + 1, pos);
          frames = f.next;
          pc++;
          if (op.called && frames !== null && frames.k === "call" && frames.group === op.group)
            [pc, frames] = this.ret(frames);
          break;
        }
        case "assert":
          ok = this.assertion(op.kind, pos);
          pc++;
          break;
        case "backref": {
          const group = op.anyOf ? (op.anyOf.find((g) => this.caps[2 * g + 1] >= 0) ?? op.group) : op.group;
          const n = this.backref(group, op.caseless, pos);
          if (n < 0) ok = false;
          else {
            pos += n;
            pc++;
          }
          break;
        }
        case "enter":
          if (++this.steps > this.limit) return { r: "limit" };
          pc++;
          break;
        case "atomic-start":
          if (++this.steps > this.limit) return { r: "limit" };
          frames = { k: "atomic", height: this.stack.length, next: frames };
          pc++;
          break;
        case "atomic-end": {
          const f = frames as Extract<Frame, { k: "atomic" }>;
          this.stack.length = f.height;
          frames = f.next;
          pc++;
          break;
        }
        case "look-start": {
          if (++this.steps > this.limit) return { r: "limit" };
          const height = this.stack.length;
          if (op.negate) this.push(Kind.Alt, op.after, pos, frames, marks, -1);
          frames = { k: "look", height, pos, negate: op.negate, after: op.after, next: frames };
          pc++;
          break;
        }
        case "look-end": {
          const f = frames as Extract<Frame, { k: "look" }>;
          this.stack.length = f.height;
          if (op.negate) ok = false;
          else {
            pos = f.pos;
            frames = f.next;
            pc++;
          }
          break;
        }
        case "back":
          if (pos - op.len < 0) ok = false;
          else {
            pos -= op.len;
            pc++;
          }
          break;
        case "rep-start":
          frames = { k: "rep", count: 0, start: -1, next: frames };
          pc++;
          break;
        case "rep-loop": {
          const f = frames as Extract<Frame, { k: "rep" }>;
          const into: Frame = { k: "rep", count: f.count, start: pos, next: f.next };
          if (f.count < op.min) {
            frames = into;
            pc++;
          } else if (f.count >= op.max) {
            frames = f.next;
            pc = op.exit;
          } else {
            if (++this.steps > this.limit) return { r: "limit" };
            if (op.lazy) {
              this.push(Kind.Alt, pc + 1, pos, into, marks, -1);
              frames = f.next;
              pc = op.exit;
            } else {
              this.push(Kind.Alt, op.exit, pos, f.next, marks, -1);
              frames = into;
              pc++;
            }
          }
          break;
        }
        case "rep-next": {
          const f = frames as Extract<Frame, { k: "rep" }>;
          const loop = ops[op.loop] as Extract<Op, { op: "rep-loop" }>;
          // PCRE stops repeating a group whose iteration matched the empty string
          if (pos === f.start && f.count + 1 >= loop.min) {
            frames = f.next;
            pc = loop.exit;
          } else {
            frames = { k: "rep", count: f.count + 1, start: -1, next: f.next };
            pc = op.loop;
          }
          break;
        }
        case "call": {
          if (++this.steps > this.limit) return { r: "limit" };
          for (let f = frames; f !== null; f = f.next)
            if (f.k === "call" && f.group === op.group && f.pos === pos)
              return { r: this.prog.atomicCalls ? "error" : "unknown" };
          frames = {
            k: "call",
            group: op.group,
            ret: pc + 1,
            height: this.stack.length,
            pos,
            caps: this.caps.slice(),
            next: frames,
          };
          pc = this.prog.groupStart[op.group];
          break;
        }
        case "cond-group":
          pc = this.caps[2 * op.group + 1] >= 0 ? pc + 1 : op.no;
          break;
        case "cond-rec":
          pc = this.inRecursion(frames, op.group) ? pc + 1 : op.no;
          break;
        case "verb":
          // only (*MARK:NAME) sets a name (*SKIP:NAME) can find, not (*PRUNE:NAME) nor (*THEN:NAME) (measured)
          if (op.name !== undefined && op.verb === "MARK") marks = { name: op.name, pos, next: marks };
          if (op.verb !== "MARK") this.push(Kind.Verb, pc, pos, frames, marks, op.altId, op);
          pc++;
          break;
        case "fail":
          ok = false;
          break;
        case "accept": {
          if (!this.prog.atomicCalls && this.inRecursion(frames, null)) return { r: "unknown" };
          const r = this.accept(frames, pos);
          if (r === null) return { r: "match" };
          if (r === "fail") ok = false;
          else [pc, pos, frames] = r;
          break;
        }
        case "match":
          if (frames !== null && frames.k === "call" && frames.group === 0) [pc, frames] = this.ret(frames);
          else return { r: "match" };
          break;
      }
      if (ok) continue;
      // backtrack
      const b = this.backtrack();
      if ("r" in b) return b;
      ({ pc, pos, frames, marks } = b);
    }
  }

  /** Pops choices until one resumes; or says how this start position ends. */
  private backtrack(): Attempt | { pc: number; pos: number; frames: Frame | null; marks: Mark | null } {
    const st = this.stack;
    for (;;) {
      const c = st[st.length - 1];
      if (c === undefined) return { r: "nomatch" };
      this.undo(c.trail);
      switch (c.kind) {
        case Kind.Alt:
          st.pop();
          return c;
        case Kind.Greedy:
          if (++this.steps > this.limit) return { r: "limit" };
          c.pos--;
          if (c.pos <= c.bound) st.pop();
          return { pc: c.pc, pos: c.pos, frames: c.frames, marks: c.marks };
        case Kind.Lazy: {
          const op = c.op as Extract<Op, { op: "rep-char" }>;
          if (c.pos >= c.bound || c.pos >= this.s.length || !op.test(this.s[c.pos])) {
            st.pop();
            continue;
          }
          if (++this.steps > this.limit) return { r: "limit" };
          c.pos++;
          return { pc: c.pc, pos: c.pos, frames: c.frames, marks: c.marks };
        }
        case Kind.Barrier:
          st.pop();
          continue;
        case Kind.Verb: {
          st.pop();
          const r = this.verbBacktracked(c);
          if (r !== null) return r;
          continue;
        }
      }
    }
  }

  /**
   * Backtracking onto a verb. Inside a negative assertion (*COMMIT)/(*PRUNE)/(*SKIP) make
   * the assertion true; inside a subroutine call they make the call fail; elsewhere they end
   * this start position (COMMIT: the whole search). (*THEN) goes to the next alternative.
   */
  private verbBacktracked(c: Choice): Attempt | null {
    const op = c.op as Extract<Op, { op: "verb" }>;
    if (op.verb === "THEN" && op.altId >= 0) {
      const st = this.stack;
      while (st.length > 0) {
        const top = st[st.length - 1];
        if ((top.kind === Kind.Alt || top.kind === Kind.Barrier) && top.bound === op.altId) {
          if (top.kind === Kind.Barrier) st.pop();
          return null;
        }
        st.pop();
      }
      return null;
    }
    if (op.verb === "SKIP" && op.name !== undefined) {
      let m = c.marks;
      while (m !== null && m.name !== op.name) m = m.next;
      // not found: PCRE tries this start again ignoring the skip, unless anchored
      if (m === null) return this.anchored && confining(c.frames) === null ? { r: "nomatch" } : null;
      return this.confined(c.frames) ? null : { r: "skip", to: m.pos };
    }
    if (this.confined(c.frames)) return null;
    if (op.verb === "COMMIT") return { r: "commit" };
    if (op.verb === "SKIP") return { r: "skip", to: c.pos };
    return { r: "nomatch" };
  }

  /** Cuts the stack back to the innermost negative assertion or call, if any (true then). */
  private confined(frames: Frame | null): boolean {
    const f = confining(frames);
    // a negative assertion keeps its own choice: backtracking into it makes the assertion true
    if (f !== null) this.stack.length = f.k === "call" ? f.height : f.height + 1;
    return f !== null;
  }

  /** Returns from a subroutine call: the captures it set are forgotten; atomic in PCRE 8. */
  private ret(f: Extract<Frame, { k: "call" }>): [number, Frame | null] {
    if (this.prog.atomicCalls) this.stack.length = f.height;
    for (let i = 0; i < f.caps.length; i++) if (this.caps[i] !== f.caps[i]) this.setCap(i, f.caps[i]);
    return [f.ret, f.next];
  }

  /** (*ACCEPT): ends the innermost assertion or call successfully, or the whole match (null). */
  private accept(frames: Frame | null, pos: number): [number, number, Frame | null] | "fail" | null {
    for (let f = frames; f !== null; f = f.next) {
      if (f.k === "open") continue;
      if (f.k === "look") {
        this.stack.length = f.height;
        if (f.negate) return "fail";
        return [f.after, f.pos, f.next];
      }
      if (f.k === "call") {
        const [pc, next] = this.ret(f);
        return [pc, pos, next];
      }
    }
    return null;
  }

  private inRecursion(frames: Frame | null, group: number | null): boolean {
    if (group === -1) return false; // (?(DEFINE)…)
    for (let f = frames; f !== null; f = f.next) if (f.k === "call") return group === null || f.group === group;
    return false;
  }

  private assertion(kind: string, pos: number): boolean {
    const s = this.s;
    const len = s.length;
    switch (kind) {
      case "start":
        return pos === 0;
      case "end":
        return pos === len;
      case "end-or-final-newline":
        return pos === len || pos + this.newlineAt(pos) === len;
      case "line-start":
        return pos === 0 || (pos < len && this.newlineBefore(pos));
      case "line-end":
        return pos === len || this.newlineAt(pos) > 0;
      case "word-boundary":
        return this.isWord(pos - 1) !== this.isWord(pos);
      default:
        return this.isWord(pos - 1) === this.isWord(pos);
    }
  }

  /** Length of the newline (of the convention) starting at `pos`, 0 if none. */
  private newlineAt(pos: number): number {
    const s = this.s;
    return newlineLength(this.prog.newline, s[pos], pos + 1 < s.length ? s[pos + 1] : -1, this.prog.utf);
  }

  /** Whether a newline of the convention ends just before `pos`. */
  private newlineBefore(pos: number): boolean {
    const s = this.s;
    const c = s[pos - 1];
    switch (this.prog.newline) {
      case "LF":
        return c === 0x0a;
      case "CR":
        return c === 0x0d;
      case "CRLF":
        return c === 0x0a && pos >= 2 && s[pos - 2] === 0x0d;
      case "ANYCRLF":
        return c === 0x0a || c === 0x0d;
      case "ANY":
        return anyNewline(c, this.prog.utf);
    }
  }

  /** Length the backreference matches at `pos`, or -1 (an unset group matches nothing). */
  private backref(group: number, caseless: boolean, pos: number): number {
    const from = this.caps[2 * group];
    const to = this.caps[2 * group + 1];
    if (from < 0 || to < 0) return -1;
    const n = to - from;
    if (pos + n > this.s.length) return -1;
    for (let i = 0; i < n; i++) {
      const a = this.s[from + i];
      const b = this.s[pos + i];
      if (a !== b && !(caseless && this.sameCase(a, b))) return -1;
    }
    return n;
  }

  private sameCase(a: number, b: number): boolean {
    // UTF-8 mode folds with Unicode's case classes, bytes too (PCRE2's ASCII tables do not pair é É)
    if (!this.prog.utf) return this.prog.otherCase[a] === b;
    return sameCaseless(a, b, this.prog.flavor);
  }
}

/** The innermost negative assertion or call on the path (they confine verbs), or null. */
function confining(frames: Frame | null): Extract<Frame, { k: "look" | "call" }> | null {
  for (let f = frames; f !== null; f = f.next) if ((f.k === "look" && f.negate) || f.k === "call") return f;
  return null;
}

/**
 * The subject as PCRE's code units: itself, or in UTF-8 mode its bytes with each position's
 * byte offset (`offset` null: positions are offsets).
 */
function codeUnits(subject: ArrayLike<number>, utf: boolean): { units: ArrayLike<number>; offset: number[] | null } {
  if (!utf) return { units: subject, offset: null };
  const bytes = Buffer.from(String.fromCodePoint(...Array.from(subject)), "utf8");
  const offset: number[] = [];
  let at = 0;
  for (let i = 0; i < subject.length; i++) {
    offset.push(at);
    const c = subject[i];
    at += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  offset.push(at);
  return { units: bytes, offset };
}
