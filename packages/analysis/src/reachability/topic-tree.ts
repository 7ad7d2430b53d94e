/**
 * Exact sets of MQTT topics (names or filters, read as word lists) as lazily expanded
 * word tries with "default" edges. A node is the set of word sequences that may follow;
 * `children` gives explicit words, `def` stands for every word not listed. The root also
 * separates fresh `$`-words (`dollarDef`) because of the `$` guard of leading wildcards.
 *
 * Filters only compare words for equality with literals, so this representation is exact
 * for every set built from the request domain by subtracting rule filters — the running
 * remainder of Batfish's filterLineReachability, carried over to topics.
 */
import { type Dialect, capabilities, isUtf8 } from "@emqx-acl/core";

export interface TopicNode {
  /** The empty sequence (topic ends here) is in the set. */
  acceptsEnd: boolean;
  children: Map<string, TopicNode>;
  def: TopicNode;
  /** Root only: fresh words starting with `$` (not listed in children). */
  dollarDef: TopicNode | null;
  /** Shared nodes are never mutated; `ensureMutable` clones them first. */
  frozen: boolean;
  empty: boolean;
  /** Children whose `empty` is false. */
  nonEmptyChildren: number;
}

function mk(acceptsEnd: boolean, def: TopicNode | null, children: [string, TopicNode][] = []): TopicNode {
  const n: TopicNode = {
    acceptsEnd,
    children: new Map(children),
    def: def as TopicNode,
    dollarDef: null,
    frozen: false,
    empty: true,
    nonEmptyChildren: 0,
  };
  if (!def) n.def = n; // self-loop, fixed by callers
  return n;
}

function refresh(n: TopicNode): void {
  let c = 0;
  for (const ch of n.children.values()) if (!ch.empty) c++;
  n.nonEmptyChildren = c;
  recompute(n);
}

function recompute(n: TopicNode): void {
  n.empty = !n.acceptsEnd && n.nonEmptyChildren === 0 && n.def.empty && (!n.dollarDef || n.dollarDef.empty);
}

/** The empty set. */
export const EMPTY: TopicNode = (() => {
  const n = mk(false, null);
  n.frozen = true;
  n.empty = true;
  return n;
})();

/** Every sequence of words (what a trailing `#` matches). */
export const FULL: TopicNode = (() => {
  const n = mk(true, null);
  n.frozen = true;
  n.empty = false;
  return n;
})();

/**
 * Is `w` a word no valid topic name or filter can contain: wildcard chars inside a level,
 * NUL, or bytes that are not UTF-8 (`emqx_topic:validate3/1` walks a level as `<<_/utf8, …>>`)?
 */
export function isInvalidWord(w: string): boolean {
  if (w === "+" || w === "#") return false;
  return /[+#\u0000]/.test(w) || !isUtf8Bytes(w);
}

/** Is the byte string valid UTF-8 (what Erlang's `<<_/utf8, …>>` accepts: no overlong form, no surrogate)? */
export function isUtf8Bytes(b: string): boolean {
  return isUtf8(b);
}

/** Words that are explicit in domain nodes: the wildcard words and every invalid literal. */
export interface DomainWords {
  invalid: string[];
}

function frozenNode(acceptsEnd: boolean, children: [string, TopicNode][], def: TopicNode | null): TopicNode {
  const n = mk(acceptsEnd, def, children);
  refresh(n);
  n.frozen = true;
  return n;
}

/** Domain of the words after the first one, for publish (names) or subscribe (filters). */
export function restDomain(action: "publish" | "subscribe", words: DomainWords): TopicNode {
  const bad: [string, TopicNode][] = words.invalid.map((w) => [w, EMPTY]);
  if (action === "publish") {
    const n = mk(true, null, [["+", EMPTY], ["#", EMPTY], ...bad]);
    n.def = n;
    refresh(n);
    n.empty = false;
    n.frozen = true;
    return n;
  }
  const hashEnd = frozenNode(true, [], EMPTY);
  const n = mk(true, null, [["#", hashEnd], ...bad]);
  n.def = n;
  n.children.set("+", n);
  refresh(n);
  n.empty = false;
  n.nonEmptyChildren = 2;
  n.frozen = true;
  return n;
}

/**
 * First words after which no topic reaches the rules: v5/v6 authorise `$delayed/<n>/T` as T
 * (again and again) and refuse `$delayed/x` outright (`emqx_access_control:authorize/3`), so
 * `$delayed` is only ever authorised alone. `$share`, `$queue` and `$exclusive` are not here:
 * `emqx_topic:parse/2` strips one prefix only, so `$exclusive/$share/g/t` (v5/v6 also
 * `$delayed/0/$share/g/t`) is authorised as `$share/g/t`, and publish names are never parsed.
 */
export function hiddenFirstWords(dialect: Dialect): string[] {
  return capabilities(dialect).delayedPrefix ? ["$delayed"] : [];
}

/**
 * Can the empty topic (one empty word) reach the rules? Not as sent (`validate/2` refuses
 * `<<>>`), but as what is left of `$queue/` (subscribe) and, in v5/v6, of `$delayed/0/`.
 */
export function emptyTopicReachable(action: "publish" | "subscribe", dialect: Dialect): boolean {
  return action === "subscribe" || capabilities(dialect).delayedPrefix;
}

/**
 * The request domain as a root node: the topics EMQX hands to authorization, i.e. valid
 * names (publish) or filters (subscribe) per `emqx_topic:validate/2`, as left by `parse/2`
 * and the `$delayed` stripping (see `hiddenFirstWords`, `emptyTopicReachable`).
 */
export function rootDomain(action: "publish" | "subscribe", dialect: Dialect, words: DomainWords): TopicNode {
  const rest = restDomain(action, words);
  const nonEmptyRest = mk(false, rest, [...rest.children]);
  refresh(nonEmptyRest);
  nonEmptyRest.frozen = true;
  const children: [string, TopicNode][] = [["", emptyTopicReachable(action, dialect) ? rest : nonEmptyRest]];
  for (const w of words.invalid) children.push([w, EMPTY]);
  // the bare word is a normal topic; anything after it is stripped or refused
  const bare = frozenNode(
    true,
    rest.children.has("+")
      ? [
          ["+", EMPTY],
          ["#", EMPTY],
        ]
      : [],
    EMPTY,
  );
  for (const p of hiddenFirstWords(dialect)) children.push([p, bare]);
  if (action === "publish") children.push(["+", EMPTY], ["#", EMPTY]);
  else children.push(["+", rest], ["#", frozenNode(true, [], EMPTY)]);
  const root = mk(false, rest, children);
  root.dollarDef = rest;
  refresh(root);
  return root;
}

/** Is the word list a member of the set `n` (the root's `$` default applies to the first word)? */
export function hasMember(n: TopicNode, ws: readonly string[]): boolean {
  let x = n;
  for (let i = 0; i < ws.length; i++) {
    if (x.empty) return false;
    x = childFor(x, ws[i], i === 0);
  }
  return x.acceptsEnd;
}

/** Returns a node safe to mutate: the node itself, or a shallow clone of a shared one. */
export function ensureMutable(n: TopicNode): TopicNode {
  if (!n.frozen) return n;
  // copied with forEach: `new Map(map)` and for-of go through the iterator protocol, one
  // result object per entry (this clone runs for every subtraction of a shared trie)
  const children = new Map<string, TopicNode>();
  n.children.forEach((ch, w) => {
    // children/def are now shared by two parents: freeze them (they stay frozen forever)
    ch.frozen = true;
    children.set(w, ch);
  });
  const c: TopicNode = {
    acceptsEnd: n.acceptsEnd,
    children,
    def: n.def === n ? n : n.def,
    dollarDef: n.dollarDef,
    frozen: false,
    empty: n.empty,
    nonEmptyChildren: n.nonEmptyChildren,
  };
  if (c.def === n) c.def = n; // self loop of a frozen node stays the frozen node
  c.def.frozen = true;
  if (c.dollarDef) c.dollarDef.frozen = true;
  return c;
}

/** A filter word: a literal, or a wildcard. `hashLast` marks the final `#`. */
export type Pattern = string[];

function childFor(n: TopicNode, w: string, root: boolean): TopicNode {
  const c = n.children.get(w);
  if (c) return c;
  if (root && n.dollarDef && w.startsWith("$")) return n.dollarDef;
  return n.def;
}

/**
 * Subtracts the words matched by `pattern[i..]` (a rule filter, `eq` words are passed with
 * `literal = true`) from node `n`. Returns the resulting node (mutated or a clone).
 * Literal words descend one level each and are walked with an explicit stack (EMQX loads
 * topics of thousands of levels); only wildcards recurse.
 */
export function subtract(
  n: TopicNode,
  p: Pattern,
  i: number,
  literal: boolean,
  guard: boolean,
  root: boolean,
): TopicNode {
  const chain: { m: TopicNode; w: string; old: TopicNode | undefined }[] = [];
  let cur = n;
  let atRoot = root;
  let result: TopicNode;
  for (;;) {
    if (cur.empty) {
      result = cur;
      break;
    }
    if (i === p.length) {
      if (!cur.acceptsEnd) result = cur;
      else {
        const m = ensureMutable(cur);
        m.acceptsEnd = false;
        recompute(m);
        result = m;
      }
      break;
    }
    const w = p[i];
    if (!literal && w === "#" && i === p.length - 1) {
      result = subtractHash(cur, guard, atRoot);
      break;
    }
    if (!literal && w === "+") {
      result = subtractPlus(cur, p, i, literal, guard, atRoot);
      break;
    }
    const m = ensureMutable(cur);
    const old = m.children.get(w);
    const base = old ?? childFor(m, w, atRoot);
    if (!old) base.frozen = true; // now shared between the default and this word
    chain.push({ m, w, old });
    cur = base;
    i++;
    atRoot = false;
  }
  for (let k = chain.length - 1; k >= 0; k--) {
    const { m, w, old } = chain[k];
    setChild(m, w, result, old);
    recompute(m);
    result = m;
  }
  return result;
}

/** A final `#`: everything goes, but at the root the guard spares `$`-words. */
function subtractHash(n: TopicNode, guard: boolean, root: boolean): TopicNode {
  if (!root || !guard) return EMPTY;
  const m = ensureMutable(n);
  m.acceptsEnd = false;
  for (const [k, ch] of m.children) if (!k.startsWith("$")) setChild(m, k, EMPTY, ch);
  m.def = EMPTY;
  recompute(m);
  return m;
}

/** A `+`: the rest of the pattern is subtracted under every word (the default edge included). */
function subtractPlus(n: TopicNode, p: Pattern, i: number, literal: boolean, guard: boolean, root: boolean): TopicNode {
  const m = ensureMutable(n);
  for (const [k, ch] of [...m.children]) {
    if (root && guard && k.startsWith("$")) continue;
    setChild(m, k, subtract(ch, p, i + 1, literal, guard, false), ch);
  }
  m.def = subtract(m.def === m ? ensureMutable(m.def) : m.def, p, i + 1, literal, guard, false);
  if (root && !guard && m.dollarDef) m.dollarDef = subtract(m.dollarDef, p, i + 1, literal, guard, false);
  recompute(m);
  return m;
}

function setChild(m: TopicNode, k: string, ch: TopicNode, old: TopicNode | undefined): void {
  if (old && !old.empty) m.nonEmptyChildren--;
  if (!ch.empty) m.nonEmptyChildren++;
  m.children.set(k, ch);
}

/** Marker for "any word not explicitly listed" in a witness; `FRESH_DOLLAR` for a fresh `$`-word. */
export const FRESH = "\u0100";
export const FRESH_DOLLAR = "\u0100$";

/**
 * A shortest-ish word list in `n` that `pattern[i..]` matches, or null. Default edges yield
 * `FRESH` / `FRESH_DOLLAR` markers that the caller turns into concrete fresh words.
 * Literal words are walked in a loop (see `subtract`); only wildcards recurse.
 */
export function findWitness(
  n: TopicNode,
  p: Pattern,
  i: number,
  literal: boolean,
  guard: boolean,
  root: boolean,
  failed: Set<TopicNode>[] = [],
): string[] | null {
  const words: string[] = [];
  // the nodes walked through literal words (their level is start + position): remembered
  // as failed when what follows leads nowhere; the sets are made only then (most calls
  // find a witness)
  const start = i;
  const chain: TopicNode[] = [];
  let cur = n;
  let atRoot = root;
  let r: string[] | null;
  for (;;) {
    if (cur.empty) {
      r = null;
      break;
    }
    if (i === p.length) {
      r = cur.acceptsEnd ? [] : null;
      break;
    }
    if (failed[i]?.has(cur)) {
      r = null;
      break;
    }
    const w = p[i];
    if (!literal && w === "#" && i === p.length - 1) r = anyMember(cur, atRoot && guard);
    else if (!literal && w === "+") r = plusWitness(cur, p, i, literal, guard, atRoot, failed);
    else {
      chain.push(cur);
      words.push(w);
      cur = childFor(cur, w, atRoot);
      i++;
      atRoot = false;
      continue;
    }
    if (!r) (failed[i] ??= new Set()).add(cur);
    break;
  }
  // a literal word leads nowhere when what follows it does not
  if (!r) {
    for (let k = 0; k < chain.length; k++) (failed[start + k] ??= new Set()).add(chain[k]);
    return null;
  }
  return words.length ? words.concat(r) : r;
}

function plusWitness(
  n: TopicNode,
  p: Pattern,
  i: number,
  literal: boolean,
  guard: boolean,
  root: boolean,
  failed: Set<TopicNode>[],
): string[] | null {
  const t = findWitness(n.def, p, i + 1, literal, guard, false, failed);
  if (t) return [FRESH, ...t];
  for (const [k, ch] of n.children) {
    if (ch.empty || (root && guard && k.startsWith("$"))) continue;
    const tail = findWitness(ch, p, i + 1, literal, guard, false, failed);
    if (tail) return [k, ...tail];
  }
  if (root && !guard && n.dollarDef) {
    const tail = findWitness(n.dollarDef, p, i + 1, literal, guard, false, failed);
    if (tail) return [FRESH_DOLLAR, ...tail];
  }
  return null;
}

/** A short member of `n` (breadth-first), or null; `noDollarFirst` skips `$` first words. */
export function anyMember(n: TopicNode, noDollarFirst = false): string[] | null {
  if (n.empty) return null;
  if (n.acceptsEnd) return []; // the usual answer, before any search state is made
  const queue: [TopicNode, string[], boolean][] = [[n, [], true]];
  const seen = new Set<TopicNode>();
  while (queue.length) {
    const [x, path, first] = queue.shift()!;
    if (x.acceptsEnd) return path;
    if (seen.has(x)) continue;
    seen.add(x);
    if (!x.def.empty) queue.push([x.def, [...path, FRESH], false]);
    // ordinary words before `$`-words so witnesses look like everyday topics
    for (const dollar of [false, true])
      for (const [k, ch] of x.children) {
        if (ch.empty || k.startsWith("$") !== dollar || (first && noDollarFirst && dollar)) continue;
        queue.push([ch, [...path, k], false]);
      }
    if (!(first && noDollarFirst) && x.dollarDef && !x.dollarDef.empty)
      queue.push([x.dollarDef, [...path, FRESH_DOLLAR], false]);
  }
  return null;
}
