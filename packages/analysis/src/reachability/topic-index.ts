/**
 * Static topic prefixes: the leading literal words every topic a filter matches must
 * carry, whatever the identity (words before the first wildcard or placeholder). Two
 * filters whose prefixes differ at a common position share no topic, so an earlier rule
 * whose every filter is disjoint from every filter of rule k cannot change k's
 * reachability. Rules are indexed in a prefix trie so the candidates of k are found
 * without scanning the whole file (the scan made large per-user files quadratic).
 */
import type { Rule, TopicPattern } from "@emqx-acl/core";
import { lowerBound } from "@emqx-acl/syntax";
import { Marks } from "./marks";

/**
 * Prefixes by the words (or parts) array they come from, eq and the rest apart: lowering
 * gives rules with the same topic one shared array, so they share one prefix too (a copy
 * per rule and topic was ~100 MB on a 610k-rule file).
 */
const prefixCache = { eq: new WeakMap<object, string[]>(), other: new WeakMap<object, string[]>() };

/** Literal words every topic matched by the filter starts with (for every identity); shared, never changed. */
export function staticPrefix(t: TopicPattern): string[] {
  const cache = t.kind === "eq" ? prefixCache.eq : prefixCache.other;
  const key = t.kind === "text-template" ? t.parts : t.words;
  let p = cache.get(key);
  if (p === undefined) cache.set(key, (p = prefixOf(t)));
  return p;
}

function prefixOf(t: TopicPattern): string[] {
  if (t.kind === "eq" || t.kind === "filter") return literalHead(t.words, t.kind === "eq");
  if (t.kind === "level-template") {
    let n = 0;
    while (n < t.words.length && typeof t.words[n] === "string" && t.words[n] !== "+" && t.words[n] !== "#") n++;
    return t.words.slice(0, n) as string[];
  }
  // text template: the text before the first placeholder; its last segment continues
  // into the rendered value, so only the complete words before it are fixed
  const first = t.parts[0];
  if (typeof first !== "string") return [];
  const head = first.split("/");
  head.pop();
  return literalHead(head, false);
}

function literalHead(words: string[], eq: boolean): string[] {
  let n = 0;
  while (n < words.length && (eq || (words[n] !== "+" && words[n] !== "#"))) n++;
  // the words themselves when all are literal (shared), else an exact-size copy (arrays
  // grown by push keep room for 17 words)
  return n === words.length ? words : words.slice(0, n);
}

/** Each rule's static prefixes (null: no topic list), computed once per rule list. */
const prefixesOf = new WeakMap<readonly Rule[], (string[][] | null)[]>();

function staticPrefixes(rules: readonly Rule[]): (string[][] | null)[] {
  let ps = prefixesOf.get(rules);
  if (!ps)
    prefixesOf.set(rules, (ps = rules.map((r) => (r.topics.kind === "all" ? null : prefixList(r.topics.items)))));
  return ps;
}

/** The one-element lists of single-topic rules, shared by prefix. */
const singles = new WeakMap<string[], string[][]>();

function prefixList(items: TopicPattern[]): string[][] {
  if (items.length !== 1) return items.map(staticPrefix);
  const p = staticPrefix(items[0]);
  let l = singles.get(p);
  if (l === undefined) singles.set(p, (l = [p]));
  return l;
}

interface TrieNode {
  /** Rules whose prefix ends here (most nodes have none, or no children: both made on first use). */
  here: number[] | null;
  children: Map<string, TrieNode> | null;
  /** Entries in the subtree (an upper bound on what `candidates` collects there). */
  size: number;
  /** Every rule of the subtree, collected on first use (large subtrees are asked for once per rule). */
  all: Int32Array | null;
}

const node = (): TrieNode => ({ here: null, children: null, size: 0, all: null });
const NONE: readonly number[] = [];

/** Every rule of the subtree, ascending (collected once per node). */
function subtree(n: TrieNode): Int32Array {
  if (!n.all) {
    const all = [...(n.here ?? NONE)];
    if (n.children) for (const c of n.children.values()) for (const j of subtree(c)) all.push(j);
    n.all = Int32Array.from(all).sort();
  }
  return n.all;
}

/** Prefix trie of the filters of every rule (or of the rules `include` accepts). */
export class TopicIndex {
  private readonly root = node();
  private readonly prefixes: (string[][] | null)[];
  /** The rules the current `candidates` call listed. */
  private readonly seen: Marks;

  constructor(rules: Rule[], include?: (j: number) => boolean) {
    // shared by every index over the same rules (a space builds several)
    this.prefixes = staticPrefixes(rules);
    this.seen = new Marks(rules.length);
    this.prefixes.forEach((ps, j) => {
      if (include && !include(j)) return;
      for (const p of ps ?? [[]]) {
        const path = [this.root];
        for (const w of p) {
          const n = path[path.length - 1];
          let c = n.children?.get(w);
          if (!c) (n.children ??= new Map()).set(w, (c = node()));
          path.push(c);
        }
        const n = path[path.length - 1];
        const here = (n.here ??= []);
        if (here[here.length - 1] === j) continue;
        here.push(j);
        for (const x of path) x.size++;
      }
    });
  }

  /** Upper bound on the size of `candidates(k)` without collecting it (Infinity: null). */
  estimate(k: number): number {
    const ps = this.prefixes[k];
    if (!ps) return Infinity;
    let total = 0;
    for (const p of ps) {
      let n: TrieNode | undefined = this.root;
      for (const w of p) {
        total += n.here?.length ?? 0;
        n = n.children?.get(w);
        if (!n) break;
      }
      if (n) total += n.size;
    }
    return total;
  }

  /** May some filter of rule j share a topic with some filter of rule k? */
  mayMeet(j: number, k: number): boolean {
    const a = this.prefixes[j];
    const b = this.prefixes[k];
    if (!a || !b) return true;
    // plain loops: this runs for every candidate of every lookup (closures here were a
    // sizeable share of lint's allocations)
    for (const p of a) for (const q of b) if (prefixesAgree(p, q)) return true;
    return false;
  }

  /**
   * Rules above < j < below (j ≠ k) some filter of which may share a topic with some
   * filter of rule k (ascending), or null when every such rule may (k has no topic list).
   */
  candidates(k: number, below = k, above = -1): number[] | null {
    const ps = this.prefixes[k];
    if (!ps) return null;
    this.seen.clear();
    const out: number[] = [];
    const add = (j: number) => {
      if (j < below && j > above && j !== k && this.seen.mark(j)) out.push(j);
    };
    for (const p of ps) {
      let n: TrieNode | undefined = this.root;
      for (const w of p) {
        if (n.here) for (const j of n.here) add(j);
        n = n.children?.get(w);
        if (!n) break;
      }
      if (!n) continue;
      // the subtree's rules ascending: only the slice between above and below
      const all = subtree(n);
      for (let i = above < 0 ? 0 : lowerBound(all, above + 1); i < all.length && all[i] < below; i++) add(all[i]);
    }
    return Array.from(Int32Array.from(out).sort());
  }
}

function prefixesAgree(p: string[], q: string[]): boolean {
  const n = Math.min(p.length, q.length);
  for (let i = 0; i < n; i++) if (p[i] !== q[i]) return false;
  return true;
}
