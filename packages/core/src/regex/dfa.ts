/**
 * Complete DFAs over the byte alphabet, with transitions per byte CLASS (bytes that every
 * transition treats alike share a class), and the boolean algebra the reachability
 * analysis needs: intersection, union, complement, emptiness, witnesses.
 */

import { isUtf8, utf8Dfa } from "./utf8-dfa";

/** A byte string (char codes 0..255). */
type Bytes = string;

/** A complete deterministic automaton; state `start` is where reading begins. */
export interface Dfa {
  /** Class index of every byte (length 256). */
  classOf: Uint16Array;
  classCount: number;
  stateCount: number;
  /** `trans[state * classCount + cls]` is the next state. */
  trans: Int32Array;
  /** 1 where the state accepts (the input read so far is in the language). */
  accepting: Uint8Array;
  start: number;
}

/** Default limit on states for constructions (subset construction, products). */
export const DFA_STATE_LIMIT = 5_000;

/** Raised when a construction would exceed the state limit. */
export class DfaTooLarge extends Error {
  constructor() {
    super("too large");
  }
}

/** Whether `d` accepts the byte string `s`. */
export function dfaAccepts(d: Dfa, s: Bytes): boolean {
  let q = d.start;
  for (let i = 0; i < s.length; i++) q = d.trans[q * d.classCount + d.classOf[s.charCodeAt(i) & 0xff]];
  return d.accepting[q] === 1;
}

/** The language {s}. */
export function dfaFromLiteral(s: Bytes): Dfa {
  const classOf = new Uint16Array(256);
  const bytes = [...new Set(Array.from(s, (c) => c.charCodeAt(0) & 0xff))];
  bytes.forEach((b, k) => (classOf[b] = k + 1));
  const classCount = bytes.length + 1;
  const n = s.length + 2;
  const dead = s.length + 1;
  const trans = new Int32Array(n * classCount).fill(dead);
  for (let i = 0; i < s.length; i++) trans[i * classCount + classOf[s.charCodeAt(i) & 0xff]] = i + 1;
  const accepting = new Uint8Array(n);
  accepting[s.length] = 1;
  return { classOf, classCount, stateCount: n, trans, accepting, start: 0 };
}

/** Every byte string. */
export function dfaAnyString(): Dfa {
  return {
    classOf: new Uint16Array(256),
    classCount: 1,
    stateCount: 1,
    trans: new Int32Array([0]),
    accepting: new Uint8Array([1]),
    start: 0,
  };
}

/** The empty language. */
export function dfaEmpty(): Dfa {
  return { ...dfaAnyString(), accepting: new Uint8Array([0]) };
}

/** Complement (bytes strings not in the language). */
export function dfaComplement(d: Dfa): Dfa {
  return { ...d, accepting: d.accepting.map((a) => 1 - a) };
}

/** Intersection of two languages. */
export function dfaIntersect(a: Dfa, b: Dfa, limit = DFA_STATE_LIMIT): Dfa {
  return product(a, b, (x, y) => x && y, limit);
}

/** Union of two languages. */
export function dfaUnion(a: Dfa, b: Dfa, limit = DFA_STATE_LIMIT): Dfa {
  return product(a, b, (x, y) => x || y, limit);
}

/** Common refinement of two byte partitions: new classOf plus each new class's (ca, cb). */
function refine(a: Dfa, b: Dfa): { classOf: Uint16Array; pairs: [number, number][] } {
  const classOf = new Uint16Array(256);
  const ids = new Map<number, number>();
  const pairs: [number, number][] = [];
  for (let x = 0; x < 256; x++) {
    const key = a.classOf[x] * 65536 + b.classOf[x];
    let id = ids.get(key);
    if (id === undefined) {
      id = pairs.length;
      ids.set(key, id);
      pairs.push([a.classOf[x], b.classOf[x]]);
    }
    classOf[x] = id;
  }
  return { classOf, pairs };
}

function product(a: Dfa, b: Dfa, op: (x: boolean, y: boolean) => boolean, limit: number): Dfa {
  const { classOf, pairs } = refine(a, b);
  const k = pairs.length;
  const index = new Map<number, number>();
  const queue: [number, number][] = [];
  const intern = (p: number, q: number): number => {
    const key = p * b.stateCount + q;
    let id = index.get(key);
    if (id === undefined) {
      if (queue.length >= limit) throw new DfaTooLarge();
      id = queue.length;
      index.set(key, id);
      queue.push([p, q]);
    }
    return id;
  };
  intern(a.start, b.start);
  const rows: number[] = [];
  for (let i = 0; i < queue.length; i++) {
    const [p, q] = queue[i];
    for (const [ca, cb] of pairs) rows.push(intern(a.trans[p * a.classCount + ca], b.trans[q * b.classCount + cb]));
  }
  const accepting = Uint8Array.from(queue, ([p, q]) => (op(a.accepting[p] === 1, b.accepting[q] === 1) ? 1 : 0));
  return dfaMinimize({
    classOf,
    classCount: k,
    stateCount: queue.length,
    trans: Int32Array.from(rows),
    accepting,
    start: 0,
  });
}

/** Whether the language is empty. */
export function dfaIsEmpty(d: Dfa): boolean {
  return shortestPath(d) === null;
}

/** Whether `a`'s language is contained in `b`'s. */
export function dfaSubsetOf(a: Dfa, b: Dfa, limit = DFA_STATE_LIMIT): boolean {
  return dfaIsEmpty(dfaIntersect(a, dfaComplement(b), limit));
}

/** Preference order for witness bytes: lowercase, digits, uppercase, other printable ASCII, space, rest. */
function byteRank(x: number): number {
  if (x >= 0x61 && x <= 0x7a) return x - 0x61;
  if (x >= 0x30 && x <= 0x39) return 100 + x;
  if (x >= 0x41 && x <= 0x5a) return 200 + x;
  if (x === 0x2d || x === 0x5f) return 290 + x;
  if (x > 0x20 && x < 0x7f) return 400 + x;
  if (x === 0x20) return 600;
  return 1000 + x;
}

/** The preferred byte of every class, classes sorted by that preference. */
function representatives(d: Dfa): { cls: number; byte: number }[] {
  const best = new Array<number>(d.classCount).fill(-1);
  for (let x = 0; x < 256; x++) {
    const c = d.classOf[x];
    if (best[c] < 0 || byteRank(x) < byteRank(best[c])) best[c] = x;
  }
  return best
    .map((byte, cls) => ({ cls, byte }))
    .filter((r) => r.byte >= 0)
    .sort((p, q) => byteRank(p.byte) - byteRank(q.byte));
}

function shortestPath(d: Dfa): Bytes | null {
  const reps = representatives(d);
  const prev = new Int32Array(d.stateCount).fill(-1);
  const via = new Int32Array(d.stateCount);
  prev[d.start] = d.start;
  const queue = [d.start];
  for (let i = 0; i < queue.length; i++) {
    const q = queue[i];
    if (d.accepting[q]) {
      let out = "";
      for (let s = q; s !== d.start; s = prev[s]) out = String.fromCharCode(via[s]) + out;
      return out;
    }
    for (const { cls, byte } of reps) {
      const t = d.trans[q * d.classCount + cls];
      if (prev[t] < 0) {
        prev[t] = q;
        via[t] = byte;
        queue.push(t);
      }
    }
  }
  return null;
}

/**
 * A short accepted byte string, preferring printable ASCII and valid UTF-8 (a witness must be
 * writable as JSON text): the shortest member when it is UTF-8; else the shortest sequence of
 * ASCII characters and `hints` (UTF-8 characters, e.g. those the regex spells); else the
 * shortest UTF-8 member; raw bytes only when the language has no UTF-8 member. Null when empty.
 */
export function dfaWitness(d: Dfa, hints: readonly Bytes[] = []): Bytes | null {
  const raw = shortestPath(d);
  if (raw === null || isUtf8(raw)) return raw;
  const hinted = shortestOver(d, hints);
  if (hinted !== null) return hinted;
  try {
    return shortestPath(dfaIntersect(d, utf8Dfa(), Math.max(DFA_STATE_LIMIT, d.stateCount * 9 + 1))) ?? raw;
  } catch (e) {
    if (e instanceof DfaTooLarge) return raw;
    throw e;
  }
}

/** Breadth-first over whole characters: the DFA's ASCII representatives, then the hints. */
function shortestOver(d: Dfa, hints: readonly Bytes[]): Bytes | null {
  const letters = [
    ...representatives(d)
      .filter((r) => r.byte < 0x80)
      .map((r) => String.fromCharCode(r.byte)),
    ...hints.filter(isUtf8),
  ];
  const run = (q: number, w: Bytes) => {
    for (let i = 0; i < w.length; i++) q = d.trans[q * d.classCount + d.classOf[w.charCodeAt(i) & 0xff]];
    return q;
  };
  const path = new Map<number, Bytes>([[d.start, ""]]);
  const queue = [d.start];
  for (let i = 0; i < queue.length; i++) {
    const q = queue[i];
    if (d.accepting[q]) return path.get(q)!;
    for (const w of letters) {
      const t = run(q, w);
      if (!path.has(t)) {
        path.set(t, path.get(q)! + w);
        queue.push(t);
      }
    }
  }
  return null;
}

/** Hopcroft's partition refinement: the minimal equivalent DFA (every state is reachable here). */
export function dfaMinimize(d: Dfa): Dfa {
  const { stateCount: n, classCount: k } = d;
  const inv = inverse(d);
  const blockOf = new Int32Array(n);
  const members: number[][] = [[], []];
  for (let q = 0; q < n; q++) members[(blockOf[q] = d.accepting[q])].push(q);
  if (members[0].length === 0 || members[1].length === 0) {
    const only = members[0].length === 0 ? 1 : 0;
    members.splice(0, 2, members[only]);
    blockOf.fill(0);
  }
  // the (block, class) splitters, first in first out; each is queued once (a split only
  // ever queues its new block), so a plain queue is the set Hopcroft needs
  const pending: number[] = [];
  let head = 0;
  const smaller = members.length === 2 && members[1].length < members[0].length ? 1 : 0;
  for (let c = 0; c < k; c++) pending.push(smaller * k + c);
  const marked = new Int32Array(n);
  const count: number[] = [];
  while (head < pending.length) {
    const key = pending[head++];
    const [a, c] = [Math.floor(key / k), key % k];
    const touched: number[] = [];
    const xs: number[] = [];
    for (const t of members[a]) {
      for (let j = inv.start[c * n + t]; j < inv.start[c * n + t + 1]; j++) {
        const q = inv.list[j];
        if (marked[q]) continue;
        marked[q] = 1;
        xs.push(q);
        const b = blockOf[q];
        if ((count[b] = (count[b] ?? 0) + 1) === 1) touched.push(b);
      }
    }
    for (const b of touched) {
      const inX = members[b].filter((q) => marked[q]);
      if (inX.length < members[b].length) split(b, inX);
      count[b] = 0;
    }
    for (const q of xs) marked[q] = 0;
  }
  function split(b: number, inX: number[]): void {
    const rest = members[b].filter((q) => !marked[q]);
    const nb = members.length;
    const [keep, move] = inX.length <= rest.length ? [rest, inX] : [inX, rest];
    members[b] = keep;
    members.push(move);
    for (const q of move) blockOf[q] = nb;
    // Hopcroft: whether or not (b, c) is pending, adding the smaller half suffices.
    for (let c = 0; c < k; c++) pending.push(nb * k + c);
  }
  const count2 = members.length;
  const trans = new Int32Array(count2 * k);
  const accepting = new Uint8Array(count2);
  for (let b = 0; b < count2; b++) {
    const q = members[b][0];
    accepting[b] = d.accepting[q];
    for (let c = 0; c < k; c++) trans[b * k + c] = blockOf[d.trans[q * k + c]];
  }
  return { classOf: d.classOf, classCount: k, stateCount: count2, trans, accepting, start: blockOf[d.start] };
}

/** Predecessors per (class, target) in CSR form: list[start[c*n+t] .. start[c*n+t+1]). */
function inverse(d: Dfa): { start: Int32Array; list: Int32Array } {
  const { stateCount: n, classCount: k } = d;
  const start = new Int32Array(n * k + 1);
  for (let q = 0; q < n; q++) for (let c = 0; c < k; c++) start[c * n + d.trans[q * k + c] + 1]++;
  for (let i = 0; i < n * k; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n * k);
  const list = new Int32Array(n * k);
  for (let q = 0; q < n; q++) for (let c = 0; c < k; c++) list[fill[c * n + d.trans[q * k + c]]++] = q;
  return { start, list };
}
