/**
 * Which rules can possibly match a request, without looking at every rule: each rule is
 * filed under ONE of the keys every request it matches must have — an exact username or
 * client id (also inside `'and'`), the literal prefix a username regex forces, (per
 * action) the literal first level of every topic, the fixed number of levels of every
 * topic (`+/status` only matches two-level topics), its networks — the one whose lists
 * are shortest, or in a general list per action when it has none. A request gathers
 * its candidate lists (sorted by rule position) and the caller walks their merge in order,
 * so first-match order is kept exactly.
 */
import type { Bytes, Condition, Rule, TopicPattern } from "../model/rule";
import type { PreparedRequest } from "./prepare";

/** Per action: [publish, subscribe]. */
export type PerAction<T> = [T, T];

export interface RuleIndex {
  byUsername: Map<Bytes, number[]>;
  byClientid: Map<Bytes, number[]>;
  /** Rules whose username regex forces a literal prefix (`^user12-[0-9]+$`), by that prefix. */
  byUsernamePrefix: Map<Bytes, number[]>;
  /** The distinct lengths of those prefixes (a request looks up each). */
  usernamePrefixLengths: number[];
  /**
   * Per prefix length (same order), the last bytes those prefixes end with (256 flags): a
   * username whose byte at that length does not end one is not looked up (no slice made).
   */
  usernamePrefixEnds: Uint8Array[];
  /** Rules whose every topic has a literal first level, by that level, per action. */
  byFirstLevel: PerAction<Map<Bytes, number[]>>;
  /** Other rules whose every topic has a fixed number of levels, by that number, per action. */
  byLength: PerAction<Map<number, number[]>>;
  /** Address rules by network prefix: `4/16:N`, `4/8:N`, `6/32:N`. */
  byNetwork: Map<string, number[]>;
  /** Rules with no key, split by the action they can match. */
  generalPublish: number[];
  generalSubscribe: number[];
}

function exactKey(c: Condition, kind: "username" | "clientid"): Bytes | null {
  if (c.kind === kind && c.match.kind === "exact") return c.match.value;
  if (c.kind === "and") {
    for (const i of c.items) {
      const k = exactKey(i, kind);
      if (k !== null) return k;
    }
  }
  return null;
}

const REGEX_META = new Set("\\^$.|?*+()[]{}");

/**
 * The literal bytes every subject a regex matches starts with: `^` then plain characters
 * (the last one dropped when a `?`, `*` or `{` may make it optional); "" when none or when
 * an alternation anywhere could escape the anchor.
 */
export function forcedRegexPrefix(pattern: Bytes): Bytes {
  if (pattern[0] !== "^" || pattern.includes("|")) return "";
  let i = 1;
  while (i < pattern.length && !REGEX_META.has(pattern[i])) i++;
  let end = i;
  if (i < pattern.length && (pattern[i] === "?" || pattern[i] === "*" || pattern[i] === "{")) end--;
  return pattern.slice(1, Math.max(1, end));
}

function regexPrefixKey(c: Condition): Bytes | null {
  if (c.kind === "username" && c.match.kind === "re") {
    const p = forcedRegexPrefix(c.match.pattern);
    return p === "" ? null : p;
  }
  if (c.kind === "and") {
    for (const i of c.items) {
      const k = regexPrefixKey(i);
      if (k !== null) return k;
    }
  }
  return null;
}

/** The literal first level every request matched by this pattern must have, or null. */
export function literalFirstLevel(t: TopicPattern): Bytes | null {
  let first: Bytes | null;
  switch (t.kind) {
    case "eq":
      return t.words[0];
    case "filter":
      first = t.words[0];
      return first === "+" || (first === "#" && t.words.length === 1) ? null : first;
    case "level-template":
      first = typeof t.words[0] === "string" ? t.words[0] : null;
      return first === null || first === "+" || (first === "#" && t.words.length === 1) ? null : first;
    case "text-template": {
      const head = t.parts[0];
      if (typeof head !== "string" || !head.includes("/")) return null;
      first = head.slice(0, head.indexOf("/"));
      return first === "+" ? null : first;
    }
  }
}

/**
 * The number of levels every request matched by this pattern has, or null (a final `#`,
 * or a `${…}` template whose value may hold `/`). A `#` that is not last only matches a
 * literal `#` level, and a v4 `%u`/`%c` level renders to one level.
 */
export function fixedLevels(t: TopicPattern): number | null {
  switch (t.kind) {
    case "eq":
      return t.words.length;
    case "filter":
    case "level-template":
      return t.words[t.words.length - 1] === "#" ? null : t.words.length;
    case "text-template":
      return null;
  }
}

/** Network keys every peer matched by the condition must have one of, or null. */
function networkKeys(c: Condition): string[] | null {
  if (c.kind === "ipaddr") {
    const keys: string[] = [];
    for (const x of c.cidrs) {
      if (x.family === 4 && x.prefixLength >= 16) keys.push(`4/16:${x.network4! >>> 16}`);
      else if (x.family === 4 && x.prefixLength >= 8) keys.push(`4/8:${x.network4! >>> 24}`);
      // the mask, not the written length: /48 acts as /32 (esockd bug)
      else if (x.family === 6 && x.mask >> 96n === 0xffffffffn) keys.push(`6/32:${x.network >> 96n}`);
      else return null;
    }
    return keys;
  }
  if (c.kind === "and") {
    for (const i of c.items) {
      const k = networkKeys(i);
      if (k !== null) return k;
    }
  }
  return null;
}

function push<K>(map: Map<K, number[]>, key: K, pos: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [pos]);
  else if (list[list.length - 1] !== pos) list.push(pos);
}

/**
 * One way to file a rule: lists it may go in, every request it matches being looked up in
 * at least one of them. A rule has several (its username, its topics' first levels, its
 * networks…); the one whose lists are shortest is taken.
 */
type Filing =
  | { kind: "username" | "clientid" | "prefix"; key: Bytes }
  | { kind: "first" | "length"; keys: (Bytes | number)[]; actions: boolean[] }
  | { kind: "network"; keys: string[] };

function filings(rule: Rule, renderCanDeny: boolean): Filing[] {
  const out: Filing[] = [];
  const user = exactKey(rule.who, "username");
  if (user !== null) out.push({ kind: "username", key: user });
  const client = exactKey(rule.who, "clientid");
  if (client !== null) out.push({ kind: "clientid", key: client });
  const prefix = regexPrefixKey(rule.who);
  if (prefix !== null) out.push({ kind: "prefix", key: prefix });
  if (rule.topics.kind === "list" && !(renderCanDeny && rule.topics.items.some((t) => t.kind === "text-template"))) {
    // an empty topic list never matches: the rule is then in no list at all
    const actions = [rule.action.publish, rule.action.subscribe];
    const firsts = rule.topics.items.map(literalFirstLevel);
    if (!firsts.includes(null)) out.push({ kind: "first", keys: firsts as Bytes[], actions });
    const lengths = rule.topics.items.map(fixedLevels);
    if (!lengths.includes(null)) out.push({ kind: "length", keys: lengths as number[], actions });
  }
  const nets = networkKeys(rule.who);
  if (nets !== null) out.push({ kind: "network", keys: nets });
  return out;
}

/** Counts of rules per list, to weigh the filings (same keys as the index's maps). */
class ListSizes {
  private readonly n = new Map<string, number>();
  add(keys: readonly string[]): void {
    for (const k of keys) this.n.set(k, (this.n.get(k) ?? 0) + 1);
  }
  /** Rules a request may have to test through these lists. */
  cost(keys: readonly string[]): number {
    let c = 0;
    for (const k of keys) c += this.n.get(k) ?? 0;
    return c;
  }
}

/** The lists a filing puts its rule in, each once (computed once per filing: 10k-rule files have ~25k). */
function listKeys(f: Filing): string[] {
  let keys: string[];
  switch (f.kind) {
    case "username":
    case "clientid":
    case "prefix":
      return [`${f.kind}:${f.key}`];
    case "network":
      keys = f.keys.map((k) => `network:${k}`);
      break;
    case "first":
    case "length":
      keys = [];
      for (let a = 0; a < f.actions.length; a++)
        if (f.actions[a]) for (const k of f.keys) keys.push(`${f.kind}${a}:${k}`);
      break;
  }
  return keys.length > 1 ? [...new Set(keys)] : keys;
}

/**
 * Builds the index over rule positions (0-based, file order). `renderCanDeny`: v6 under
 * the hardened profile, where a template that fails to render DENIES whatever the topic,
 * so a rule with a template may not be skipped for its topics' first levels. Each rule
 * goes under the filing whose lists hold the fewest rules (a /24 network rule with a
 * `lan/…` topic is filed by network when every network rule shares that first level).
 */
export function buildIndex(rules: readonly Rule[], renderCanDeny = false): RuleIndex {
  const idx: RuleIndex = {
    byUsername: new Map(),
    byClientid: new Map(),
    byUsernamePrefix: new Map(),
    usernamePrefixLengths: [],
    usernamePrefixEnds: [],
    byFirstLevel: [new Map(), new Map()],
    byLength: [new Map(), new Map()],
    byNetwork: new Map(),
    generalPublish: [],
    generalSubscribe: [],
  };
  const options = rules.map((r) => filings(r, renderCanDeny));
  const keys = options.map((fs) => fs.map(listKeys));
  const sizes = new ListSizes();
  for (const ks of keys) for (const k of ks) sizes.add(k);
  options.forEach((fs, pos) => {
    let best: Filing | null = null;
    let bestCost = Infinity;
    for (let i = 0; i < fs.length; i++) {
      const c = sizes.cost(keys[pos][i]);
      if (c < bestCost) {
        best = fs[i];
        bestCost = c;
      }
    }
    if (best) return file(idx, best, pos);
    const rule = rules[pos];
    if (rule.action.publish) idx.generalPublish.push(pos);
    if (rule.action.subscribe) idx.generalSubscribe.push(pos);
  });
  return idx;
}

function file(idx: RuleIndex, f: Filing, pos: number): void {
  switch (f.kind) {
    case "username":
      return push(idx.byUsername, f.key, pos);
    case "clientid":
      return push(idx.byClientid, f.key, pos);
    case "prefix":
      if (!idx.byUsernamePrefix.has(f.key) && !idx.usernamePrefixLengths.includes(f.key.length)) {
        idx.usernamePrefixLengths.push(f.key.length);
        idx.usernamePrefixEnds.push(new Uint8Array(256));
      }
      idx.usernamePrefixEnds[idx.usernamePrefixLengths.indexOf(f.key.length)][
        f.key.charCodeAt(f.key.length - 1) & 255
      ] = 1;
      return push(idx.byUsernamePrefix, f.key, pos);
    case "network":
      for (const k of f.keys) push(idx.byNetwork, k, pos);
      return;
    case "first":
    case "length":
      for (let a = 0; a < 2; a++)
        if (f.actions[a])
          for (const k of f.keys)
            f.kind === "first" ? push(idx.byFirstLevel[a], k as Bytes, pos) : push(idx.byLength[a], k as number, pos);
  }
}

/**
 * The IPv4 network keys, each string made once: a request's key then has its hash already
 * (building `4/16:N` per request was a string, a number print and a hash each time).
 */
let keys16: (string | undefined)[] | null = null;
const keys8: (string | undefined)[] = new Array(256);
const networkKey16 = (n: number): string => ((keys16 ??= new Array(65536))[n] ??= `4/16:${n}`);
const networkKey8 = (n: number): string => (keys8[n] ??= `4/8:${n}`);

/**
 * Fills `out` with the non-empty candidate lists for a request (each sorted ascending) and
 * returns how many it filled (7 plus one per username-prefix length); `out` is reused across calls to spare allocations.
 */
export function candidates(idx: RuleIndex, p: PreparedRequest, out: number[][] = []): number {
  const r = p.request;
  const a = r.action === "publish" ? 0 : 1;
  let n = 0;
  let l: number[] | undefined;
  if (r.username !== null && (l = idx.byUsername.get(r.username)) !== undefined) out[n++] = l;
  if ((l = idx.byClientid.get(r.clientid)) !== undefined) out[n++] = l;
  const u = r.username;
  if (u !== null) {
    const lens = idx.usernamePrefixLengths;
    for (let i = 0; i < lens.length; i++) {
      const len = lens[i];
      if (
        len <= u.length &&
        idx.usernamePrefixEnds[i][u.charCodeAt(len - 1) & 255] === 1 &&
        (l = idx.byUsernamePrefix.get(u.slice(0, len))) !== undefined
      )
        out[n++] = l;
    }
  }
  if ((l = idx.byFirstLevel[a].get(p.words[0])) !== undefined) out[n++] = l;
  if ((l = idx.byLength[a].get(p.words.length)) !== undefined) out[n++] = l;
  l = a === 0 ? idx.generalPublish : idx.generalSubscribe;
  if (l.length > 0) out[n++] = l;
  if (idx.byNetwork.size === 0 || r.peerhost === null) return n;
  const peer = p.peer;
  if (peer === null) return n;
  if (peer.v4 !== undefined) {
    if ((l = idx.byNetwork.get(networkKey16(peer.v4 >>> 16))) !== undefined) out[n++] = l;
    if ((l = idx.byNetwork.get(networkKey8(peer.v4 >>> 24))) !== undefined) out[n++] = l;
    return n;
  }
  if ((l = idx.byNetwork.get(`6/32:${peer.value >> 96n}`)) !== undefined) out[n++] = l;
  return n;
}
