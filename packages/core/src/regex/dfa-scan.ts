/**
 * DFA helpers for analysing thousands of regexes against ~100k literal values in
 * near-linear time: state kinds (dead / universal), the literal prefix a language forces,
 * an intersection test that never materialises the product, a DFA for a finite set of
 * strings, and membership of a SORTED list of strings walked like a trie (shared prefixes
 * are read once; a dead or universal state decides a whole prefix range by binary search).
 */
import type { Dfa } from "./dfa";

/** State kind: reads on normally, accepts nothing from here on, accepts every continuation. */
export const StateKind = { Live: 0, Dead: 1, Universal: 2 } as const;

/** Kind of every state (backward reachability from accepting / rejecting states). */
export function dfaStateKinds(d: Dfa): Uint8Array {
  const { stateCount: n, classCount: k, trans } = d;
  // predecessors in CSR form
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n * k; i++) start[trans[i] + 1]++;
  for (let q = 0; q < n; q++) start[q + 1] += start[q];
  const fill = start.slice(0, n);
  const pred = new Int32Array(n * k);
  for (let q = 0; q < n; q++) for (let c = 0; c < k; c++) pred[fill[trans[q * k + c]]++] = q;
  const reaches = (want: number): Uint8Array => {
    const seen = new Uint8Array(n);
    const stack: number[] = [];
    for (let q = 0; q < n; q++) if (d.accepting[q] === want) ((seen[q] = 1), stack.push(q));
    while (stack.length > 0) {
      const t = stack.pop()!;
      for (let j = start[t]; j < start[t + 1]; j++) if (!seen[pred[j]]) ((seen[pred[j]] = 1), stack.push(pred[j]));
    }
    return seen;
  };
  const canAccept = reaches(1);
  const canReject = reaches(0);
  return Uint8Array.from(canAccept, (a, q) =>
    !a ? StateKind.Dead : !canReject[q] ? StateKind.Universal : StateKind.Live,
  );
}

/**
 * The longest byte string every member of the language starts with (walks from the start
 * while exactly one byte keeps the run alive and the state does not accept yet). Empty for
 * unanchored searches and for the empty language.
 */
export function dfaForcedPrefix(d: Dfa, kinds: Uint8Array = dfaStateKinds(d)): string {
  const k = d.classCount;
  const size = new Int32Array(k);
  const byteOf = new Int32Array(k);
  for (let x = 0; x < 256; x++) (size[d.classOf[x]]++, (byteOf[d.classOf[x]] = x));
  let out = "";
  for (let q = d.start; kinds[q] !== StateKind.Dead && !d.accepting[q] && out.length < 4096;) {
    let only = -1;
    for (let c = 0; c < k; c++) {
      if (kinds[d.trans[q * k + c]] === StateKind.Dead) continue;
      if (only >= 0 || size[c] !== 1) return out;
      only = c;
    }
    if (only < 0) return out;
    out += String.fromCharCode(byteOf[only]);
    q = d.trans[q * k + only];
  }
  return out;
}

/** Whether the two languages meet (breadth-first over state pairs, no product built). */
export function dfaIntersects(a: Dfa, b: Dfa): boolean {
  const pairs: number[] = [];
  const classPairs = new Set<number>();
  for (let x = 0; x < 256; x++) classPairs.add(a.classOf[x] * 65536 + b.classOf[x]);
  for (const p of classPairs) pairs.push(p >>> 16, p & 0xffff);
  const seen = new Set<number>();
  const queue = [a.start, b.start];
  seen.add(a.start * b.stateCount + b.start);
  for (let i = 0; i < queue.length; i += 2) {
    const p = queue[i];
    const q = queue[i + 1];
    if (a.accepting[p] && b.accepting[q]) return true;
    for (let j = 0; j < pairs.length; j += 2) {
      const p2 = a.trans[p * a.classCount + pairs[j]];
      const q2 = b.trans[q * b.classCount + pairs[j + 1]];
      const key = p2 * b.stateCount + q2;
      if (!seen.has(key)) (seen.add(key), queue.push(p2, q2));
    }
  }
  return false;
}

/** The finite language `strings` (byte strings) as a trie-shaped DFA. */
export function dfaFromStrings(strings: Iterable<string>): Dfa {
  const classOf = new Uint16Array(256);
  let classCount = 1;
  const list = [...strings];
  for (const s of list)
    for (let i = 0; i < s.length; i++) {
      const b = s.charCodeAt(i) & 0xff;
      if (classOf[b] === 0) classOf[b] = classCount++;
    }
  // state 0: dead, state 1: root
  const rows: number[][] = [new Array<number>(classCount).fill(0), new Array<number>(classCount).fill(0)];
  const accepting: number[] = [0, 0];
  for (const s of list) {
    let q = 1;
    for (let i = 0; i < s.length; i++) {
      const c = classOf[s.charCodeAt(i) & 0xff];
      if (rows[q][c] === 0) {
        rows[q][c] = rows.length;
        rows.push(new Array<number>(classCount).fill(0));
        accepting.push(0);
      }
      q = rows[q][c];
    }
    accepting[q] = 1;
  }
  return {
    classOf,
    classCount,
    stateCount: rows.length,
    trans: Int32Array.from(rows.flat()),
    accepting: Uint8Array.from(accepting),
    start: 1,
  };
}

/** First index in `sorted[from, to)` whose string is not below `bound`. */
function lowerBound(sorted: readonly string[], bound: string, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (sorted[m] < bound) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** `[from, to)`: the strings of `sorted` (sorted by `<`) that start with `prefix`. */
export function prefixRange(sorted: readonly string[], prefix: string, from = 0, to = sorted.length): [number, number] {
  const lo = lowerBound(sorted, prefix, from, to);
  return [lo, lowerBound(sorted, `${prefix}\u0100`, lo, to)]; // \u0100 is above every byte
}

/**
 * Indexes of the strings of `sorted[from, to)` (byte strings, sorted by `<`, no duplicates)
 * that `d` accepts, ascending. Reads each distinct prefix at most once and skips a whole prefix
 * range as soon as its state is dead or universal, so an anchored regex touches only the
 * few strings that share its forced prefix.
 */
export function dfaMatchSorted(
  d: Dfa,
  sorted: readonly string[],
  kinds: Uint8Array = dfaStateKinds(d),
  from = 0,
  to = sorted.length,
): number[] {
  const out: number[] = [];
  const k = d.classCount;
  let stack = new Int32Array(64);
  stack[0] = d.start;
  let prev = "";
  let valid = 0; // stack[0..valid] hold the states after prev[0..j)
  for (let i = from; i < to;) {
    const s = sorted[i];
    let l = 0;
    const lim = Math.min(valid, s.length, prev.length);
    while (l < lim && s.charCodeAt(l) === prev.charCodeAt(l)) l++;
    if (s.length + 1 > stack.length) {
      const grown = new Int32Array(2 * (s.length + 1));
      grown.set(stack);
      stack = grown;
    }
    let j = l;
    let q = stack[j];
    let skipTo = -1;
    for (;;) {
      const kind = kinds[q];
      if (kind !== StateKind.Live) {
        const end = prefixRange(sorted, s.slice(0, j), i + 1, to)[1];
        if (kind === StateKind.Universal) for (let x = i; x < end; x++) out.push(x);
        skipTo = end;
        break;
      }
      if (j === s.length) break;
      q = d.trans[q * k + d.classOf[s.charCodeAt(j) & 0xff]];
      stack[++j] = q;
    }
    prev = s;
    valid = j;
    if (skipTo >= 0) {
      i = skipTo;
      continue;
    }
    if (d.accepting[q]) out.push(i);
    i++;
  }
  return out;
}

/** Bytes in witness preference order: lowercase, digits, uppercase, `-`, `_`, other printable ASCII, the rest. */
const BYTE_ORDER: number[] = (() => {
  const rank = (x: number): number =>
    x >= 0x61 && x <= 0x7a
      ? x
      : x >= 0x30 && x <= 0x39
        ? 200 + x
        : x >= 0x41 && x <= 0x5a
          ? 400 + x
          : x === 0x2d || x === 0x5f
            ? 600 + x
            : x > 0x20 && x < 0x7f
              ? 800 + x
              : 1000 + x;
  return Array.from({ length: 256 }, (_, x) => x).sort((a, b) => rank(a) - rank(b));
})();

/**
 * A shortest member of the language that is not in `avoid` (preferring printable ASCII), or
 * null when there is none — or, if `maxVisits` is reached first, undefined. Breadth-first
 * over (state, position in the trie of `avoid`), so a dense literal set costs only the trie
 * paths the language can follow.
 */
export function dfaWitnessAvoiding(d: Dfa, avoid: Iterable<string>, maxVisits = 1_000_000): string | null | undefined {
  const kids: Map<number, number>[] = [new Map()];
  const end: boolean[] = [false];
  for (const s of avoid) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const b = s.charCodeAt(i) & 0xff;
      let m = kids[n].get(b);
      if (m === undefined) (kids[n].set(b, (m = kids.push(new Map()) - 1)), end.push(false));
      n = m;
    }
    end[n] = true;
  }
  const kinds = dfaStateKinds(d);
  const k = d.classCount;
  const T = kids.length + 1; // trie node + 1; 0 = off the trie
  const from = new Map<number, [number, number]>(); // key → [previous key, byte]
  const queue = [d.start * T + 1];
  from.set(queue[0], [-1, 0]);
  for (let i = 0; i < queue.length; i++) {
    if (i >= maxVisits) return undefined;
    const key = queue[i];
    const q = Math.floor(key / T);
    const n = (key % T) - 1;
    if (d.accepting[q] && (n < 0 || !end[n])) return path(from, key);
    const seenClass = new Uint8Array(k);
    for (const b of BYTE_ORDER) {
      const c = d.classOf[b];
      const child = n < 0 ? undefined : kids[n].get(b);
      if (child === undefined) {
        if (seenClass[c]) continue; // one off-trie byte per class is enough
        seenClass[c] = 1;
      }
      const q2 = d.trans[q * k + c];
      if (kinds[q2] === StateKind.Dead) continue;
      const key2 = q2 * T + (child === undefined ? 0 : child + 1);
      if (!from.has(key2)) (from.set(key2, [key, b]), queue.push(key2));
    }
  }
  return null;
}

function path(from: Map<number, [number, number]>, key: number): string {
  let out = "";
  for (let x = from.get(key)!; x[0] >= 0; key = x[0], x = from.get(key)!) out = String.fromCharCode(x[1]) + out;
  return out;
}
