/**
 * `regexToDfa`: the set of byte strings on which `re:run(Subject, R)` finds a match — an
 * unanchored SEARCH — as a DFA. Subset construction over NFA "threads" that carry a
 * pending constraint on what may follow (how `$`, `\z`, `\Z`, `\b` look ahead, and the
 * states of every pending lookahead's own anchored DFA), while the DFA state remembers what
 * kind of byte came before (how `^`, `(?m)^`, `\b` look behind).
 */
import { RegexSyntaxError, type AssertKind, type RegexNode } from "./ast";
import type { ByteSet, RegexFlavor } from "./byte-set";
import { DFA_STATE_LIMIT, DfaTooLarge, dfaComplement, dfaIntersect, dfaMinimize, type Dfa } from "./dfa";
import { literalHead, nodeKey, prependLiteral } from "./literal-head";
import { buildNfa, NotRegular, type Nfa } from "./nfa";
import { ALL, Constraints, Ctx, Lookaheads, NEWLINE, NONE, type Constraint } from "./search-constraints";
import { requiredCheckMatters } from "./start-filters";
import { parseRegex } from "./parse";
import { utf8ByteNodes } from "./utf8-bytes";
import { utf8Dfa } from "./utf8-dfa";

/** The constraint an assertion adds in context `ctx`, null if it holds outright, "fail" if it cannot hold. */
function assertion(
  kind: AssertKind,
  ctx: Ctx,
  WORD: ByteSet,
  NOT_WORD: ByteSet,
): Omit<Constraint, "obl"> | null | "fail" {
  const prevWord = ctx === Ctx.Word;
  switch (kind) {
    case "start":
      return ctx === Ctx.Start ? null : "fail";
    case "end":
      return { next: NONE, endOk: true, thenEnd: false };
    case "end-or-final-newline":
      return { next: NEWLINE, endOk: true, thenEnd: true };
    case "line-start":
      return ctx === Ctx.Start ? null : ctx === Ctx.Newline ? { next: ALL, endOk: false, thenEnd: false } : "fail";
    case "line-end":
      return { next: NEWLINE, endOk: true, thenEnd: false };
    case "word-boundary":
      return prevWord ? { next: NOT_WORD, endOk: true, thenEnd: false } : { next: WORD, endOk: false, thenEnd: false };
    case "not-word-boundary":
      return prevWord ? { next: WORD, endOk: false, thenEnd: false } : { next: NOT_WORD, endOk: true, thenEnd: false };
  }
}

/** A byte partition fine enough for every edge and constraint set (plus word / newline for Ctx). */
function partition(all: ByteSet[]): { classOf: Uint16Array; reps: number[] } {
  // Refine set by set (repeats copy edges that share one ByteSet object: skip those by
  // identity); ids are renumbered in order of their first byte, so reps[id] is its lowest byte.
  const classOf = new Uint16Array(256);
  let count = 1;
  const done = new Set<ByteSet>();
  for (const set of all) {
    if (done.has(set)) continue;
    done.add(set);
    const remap = new Int32Array(count * 2).fill(-1);
    let next = 0;
    for (let x = 0; x < 256; x++) {
      const key = classOf[x] * 2 + (set[x] ? 1 : 0);
      if (remap[key] < 0) remap[key] = next++;
      classOf[x] = remap[key];
    }
    count = next;
  }
  const reps: number[] = [];
  for (let x = 0; x < 256; x++) if (reps.length === classOf[x]) reps.push(x);
  return { classOf, reps };
}

const ACCEPT_ALL = -1;

const ASSERT_KINDS: AssertKind[] = [
  "start",
  "end",
  "end-or-final-newline",
  "line-start",
  "line-end",
  "word-boundary",
  "not-word-boundary",
];

/** Which previous-byte distinctions the NFA's assertions (and its lookaheads' bodies) need. */
function contextsNeeded(nfa: Nfa): { word: boolean; newline: boolean } {
  const kinds = new Set(nfa.states.flatMap((s) => s.asserts.map((a) => a.kind)));
  for (const l of nfa.looks) astAsserts(l.body, kinds);
  return { word: kinds.has("word-boundary") || kinds.has("not-word-boundary"), newline: kinds.has("line-start") };
}

function astAsserts(n: RegexNode, out: Set<AssertKind>): void {
  if (n.type === "assert") out.add(n.kind);
  else if (n.type === "seq") n.items.forEach((x) => astAsserts(x, out));
  else if (n.type === "alt") n.alts.forEach((x) => astAsserts(x, out));
  else if (n.type === "group" || n.type === "atomic" || n.type === "look" || n.type === "repeat")
    astAsserts(n.body, out);
}

/** `anchored`: only matches starting at offset 0 (lookahead bodies); `startCtx`: the byte before offset 0. */
interface SearchOptions {
  anchored?: boolean;
  startCtx?: Ctx;
}

/** Subset construction of the search automaton. */
function searchDfa(nfa: Nfa, limit: number, WORD: ByteSet, opts: SearchOptions = {}): Dfa {
  const NOT_WORD = WORD.map((x) => 1 - x);
  // a lookahead holds where its body matches the rest of the subject from there (anchored)
  const looks = nfa.looks.length
    ? new Lookaheads(nfa, (body, ctx) => searchDfa(buildNfa(body), limit, WORD, { anchored: true, startCtx: ctx }))
    : null;
  const cs = new Constraints(looks);
  const memo = new Map<number, number>();
  /** Constraint id after assertion `kind` in context `ctx` (-1: cannot hold); memoised. */
  const applyAssert = (c: number, kind: AssertKind, ctx: Ctx): number => {
    const key = (c * 8 + ASSERT_KINDS.indexOf(kind)) * 4 + ctx;
    let r = memo.get(key);
    if (r === undefined) {
      const x = assertion(kind, ctx, WORD, NOT_WORD);
      r = x === "fail" ? -1 : x === null ? c : cs.and(c, x);
      memo.set(key, r);
    }
    return r;
  };
  const contexts = contextsNeeded(nfa);
  // A thread is (NFA state s, constraint c), packed as s * T + c.
  const T = 65536;
  const closures = new Map<number, number[] | typeof ACCEPT_ALL>();
  /** ε/assertion closure of one thread in context ctx (cached), or ACCEPT_ALL once a match is certain. */
  const closureOne = (thread: number, ctx: Ctx): number[] | typeof ACCEPT_ALL => {
    const key = thread * 4 + ctx;
    let out = closures.get(key);
    if (out !== undefined) return out;
    const seen = new Set<number>();
    const stack = [thread];
    out = [];
    while (stack.length > 0) {
      const th = stack.pop()!;
      if (seen.has(th)) continue;
      seen.add(th);
      const [s, c] = [Math.floor(th / T), th % T];
      if (s === nfa.final && c === cs.trivial) {
        out = ACCEPT_ALL;
        break;
      }
      out.push(th);
      const st = nfa.states[s];
      for (const t of st.eps) stack.push(t * T + c);
      for (const a of st.asserts) {
        const c2 = applyAssert(c, a.kind, ctx);
        if (c2 >= 0) stack.push(a.to * T + c2);
      }
      for (const l of st.looks) {
        const c2 = cs.withLook(c, l.look, nfa.looks[l.look].negate, ctx);
        if (c2 >= 0) stack.push(l.to * T + c2);
      }
    }
    closures.set(key, out);
    return out;
  };
  const closure = (seeds: number[], ctx: Ctx): number[] | typeof ACCEPT_ALL => {
    const all = new Set<number>();
    for (const seed of seeds) {
      const c = closureOne(seed, ctx);
      if (c === ACCEPT_ALL) return ACCEPT_ALL;
      for (const th of c) all.add(th);
    }
    return [...all].sort((x, y) => x - y);
  };
  const sets: ByteSet[] = [WORD, NEWLINE];
  for (const st of nfa.states) for (const e of st.edges) sets.push(e.set);
  for (const d of looks?.dfas ?? [])
    for (let c = 0; c < d.classCount; c++)
      sets.push(Uint8Array.from({ length: 256 }, (_, x) => (d.classOf[x] === c ? 1 : 0)));
  // Constraint sets are built from WORD, NOT_WORD, NEWLINE, ALL, NONE: already covered.
  const { classOf, reps } = partition(sets);
  const k = reps.length;
  // Only distinguish the previous byte's kind as far as some assertion looks at it.
  const ctxOf = (b: number) =>
    contexts.word && WORD[b] ? Ctx.Word : contexts.newline && b === 0x0a ? Ctx.Newline : Ctx.Other;
  const index = new Map<string, number>();
  const states: { ctx: Ctx; threads: number[] }[] = [];
  const rows: number[] = [];
  const accepting: number[] = [];
  const intern = (ctx: Ctx, threads: number[] | typeof ACCEPT_ALL): number => {
    const key = threads === ACCEPT_ALL ? "*" : `${ctx}|${threads.join(",")}`;
    let id = index.get(key);
    if (id === undefined) {
      if (states.length >= limit) throw new DfaTooLarge();
      id = states.length;
      index.set(key, id);
      states.push({ ctx, threads: threads === ACCEPT_ALL ? [] : threads });
      const acc =
        threads === ACCEPT_ALL || threads.some((th) => Math.floor(th / T) === nfa.final && cs.endAccepts(th % T));
      accepting.push(threads === ACCEPT_ALL ? 2 : acc ? 1 : 0);
    }
    return id;
  };
  const startCtx = opts.startCtx ?? Ctx.Start;
  const start = intern(startCtx, closure([nfa.start * T + cs.trivial], startCtx));
  for (let q = 0; q < states.length; q++) {
    for (let cls = 0; cls < k; cls++) rows.push(accepting[q] === 2 ? q : step(q, reps[cls]));
  }
  function step(q: number, b: number): number {
    const seeds: number[] = opts.anchored ? [] : [nfa.start * T + cs.trivial];
    for (const th of states[q].threads) {
      const [s, c] = [Math.floor(th / T), th % T];
      const con = cs.list[c];
      if (!con.next[b]) continue;
      const c2 = cs.advance(c, b);
      if (c2 < 0) continue;
      if (s === nfa.final) seeds.push(s * T + c2);
      for (const e of nfa.states[s].edges) if (e.set[b]) seeds.push(e.to * T + c2);
    }
    const ctx = ctxOf(b);
    return intern(ctx, closure(seeds, ctx));
  }
  const acc = Uint8Array.from(accepting, (a) => (a > 0 ? 1 : 0));
  return dfaMinimize({
    classOf,
    classCount: k,
    stateCount: states.length,
    trans: Int32Array.from(rows),
    accepting: acc,
    start,
  });
}

/** `limit`: state budget (default DFA_STATE_LIMIT); `flavor`: which Erlang regex engine (default OTP ≤ 27). */
export interface RegexDfaOptions {
  limit?: number;
  flavor?: RegexFlavor;
}

/**
 * The language of subjects on which `re:run(Subject, Pattern)` matches, as a DFA; or why
 * not: invalid pattern, a construct whose language is not regular or depends on
 * backtracking order (backreferences, lookbehinds, atomic groups, possessive quantifiers),
 * or "too large" past `limit` states. Cached per (pattern, limit, flavor); do not mutate the result.
 */
export function regexToDfa(pattern: string, options: number | RegexDfaOptions = {}): Dfa | { unsupported: string } {
  const { limit = DFA_STATE_LIMIT, flavor = "pcre1-latin1" } =
    typeof options === "number" ? { limit: options } : options;
  const key = `${flavor}\0${limit}\0${pattern}`;
  let r = cache.get(key);
  if (r === undefined) {
    r = build(pattern, limit, flavor);
    const cells = "trans" in r ? r.trans.length + r.classOf.length : 0;
    if (cache.size >= CACHE_ENTRIES || cachedCells + cells > CACHE_CELLS) {
      cache.clear();
      cachedCells = 0;
    }
    cache.set(key, r);
    cachedCells += cells;
  }
  return r;
}

/**
 * The cache's bounds. A file's regexes are compiled by the analysis, by lint rules and by
 * the engine in turn, so the cache must hold all of them: a bound of 2,000 entries was
 * cleared over and over on the 100k fleet file's 3,012 patterns, compiling each three times.
 * The cells (transition and byte-class entries) bound its memory to some 40 MB.
 */
const CACHE_ENTRIES = 100_000;
const CACHE_CELLS = 10_000_000;
let cachedCells = 0;

const START: RegexNode = { type: "assert", kind: "start" };

/** `^(?=…)(?!…)rest` at the top level (no (?m)): the lookaheads and `^rest`, else null. */
function leadingLookaheads(root: RegexNode): { looks: Extract<RegexNode, { type: "look" }>[]; rest: RegexNode } | null {
  if (root.type !== "seq" || root.items[0]?.type !== "assert" || root.items[0].kind !== "start") return null;
  const looks: Extract<RegexNode, { type: "look" }>[] = [];
  let k = 1;
  for (let it = root.items[k]; it?.type === "look" && !it.behind; it = root.items[++k]) looks.push(it);
  return looks.length === 0 ? null : { looks, rest: { type: "seq", items: [START, ...root.items.slice(k)] } };
}

/** Results are cached: callers must treat returned DFAs as immutable (all dfa* functions do). */
const cache = new Map<string, Dfa | { unsupported: string }>();

/** Tails of `^literal…` patterns, by structure: per-user patterns differ only in the literal. */
const tails = new Map<string, Dfa>();

function anchoredTail(tail: RegexNode, limit: number, word: ByteSet, flavor: RegexFlavor): Dfa {
  const key = `${flavor}\0${limit}\0${nodeKey(tail)}`;
  let d = tails.get(key);
  if (d === undefined) {
    d = searchDfa(buildNfa(tail), limit, word);
    if (tails.size >= 2_000) tails.clear();
    tails.set(key, d);
  }
  return d;
}

function build(pattern: string, limit: number, flavor: RegexFlavor): Dfa | { unsupported: string } {
  try {
    const parsed = parseRegex(pattern, flavor);
    if (parsed.unsupported.length > 0) return { unsupported: parsed.unsupported[0] };
    // re:run's answer then hangs on its required-character check, not on the language
    if (requiredCheckMatters(parsed))
      return { unsupported: "a first character asserted by a leading lookahead (PCRE's required-character check)" };
    // (*UTF8): sets are over code points; rewrite them as UTF-8 bytes, and only UTF-8
    // subjects can match (re:run raises badarg on others)
    if (parsed.utf)
      return dfaIntersect(searchDfa(buildNfa(utf8ByteNodes(parsed.root)), limit, parsed.word), utf8Dfa(), limit);
    const lead = leadingLookaheads(parsed.root);
    const lit = lead ? null : literalHead(parsed.root);
    if (lit) return prependLiteral(lit.head, anchoredTail(lit.tail, limit, parsed.word, flavor), limit);
    if (!lead) return searchDfa(buildNfa(parsed.root), limit, parsed.word);
    // ^(?=A)(?!B)C: at offset 0 only, so it is L(^C) ∩ L(^A) ∩ ¬L(^B) — exact.
    let d = searchDfa(buildNfa(lead.rest), limit, parsed.word);
    for (const look of lead.looks) {
      const l = searchDfa(buildNfa({ type: "seq", items: [START, look.body] }), limit, parsed.word);
      d = dfaIntersect(d, look.negate ? dfaComplement(l) : l, limit);
    }
    return d;
  } catch (e) {
    if (e instanceof RegexSyntaxError) return { unsupported: `invalid pattern: ${e.message}` };
    if (e instanceof NotRegular || e instanceof DfaTooLarge) return { unsupported: e.message };
    if (e instanceof RangeError) return { unsupported: "groups nested too deeply to follow" };
    throw e;
  }
}
