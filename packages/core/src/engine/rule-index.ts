/**
 * Which rules can possibly match a request, without looking at every rule: each rule is
 * filed under ONE key — an exact username, else an exact client id (also inside `'and'`),
 * else the literal prefix a username regex forces,
 * else (per action) the literal first level of every topic, else the fixed number of
 * levels of every topic (`+/status` only matches two-level topics), else its networks —
 * or in a general list per action. A request gathers
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
 * Builds the index over rule positions (0-based, file order). `renderCanDeny`: v6 under
 * the hardened profile, where a template that fails to render DENIES whatever the topic,
 * so a rule with a template may not be skipped for its topics' first levels.
 */
export function buildIndex(rules: readonly Rule[], renderCanDeny = false): RuleIndex {
  const idx: RuleIndex = {
    byUsername: new Map(),
    byClientid: new Map(),
    byUsernamePrefix: new Map(),
    usernamePrefixLengths: [],
    byFirstLevel: [new Map(), new Map()],
    byLength: [new Map(), new Map()],
    byNetwork: new Map(),
    generalPublish: [],
    generalSubscribe: [],
  };
  rules.forEach((rule, pos) => {
    const user = exactKey(rule.who, "username");
    if (user !== null) return push(idx.byUsername, user, pos);
    const client = exactKey(rule.who, "clientid");
    if (client !== null) return push(idx.byClientid, client, pos);
    const prefix = regexPrefixKey(rule.who);
    if (prefix !== null) {
      if (!idx.byUsernamePrefix.has(prefix) && !idx.usernamePrefixLengths.includes(prefix.length)) idx.usernamePrefixLengths.push(prefix.length);
      return push(idx.byUsernamePrefix, prefix, pos);
    }
    if (fileByTopics(idx, rule, pos, renderCanDeny)) return;
    const nets = networkKeys(rule.who);
    if (nets !== null) {
      for (const k of nets) push(idx.byNetwork, k, pos);
      return;
    }
    if (rule.action.publish) idx.generalPublish.push(pos);
    if (rule.action.subscribe) idx.generalSubscribe.push(pos);
  });
  return idx;
}

/** Files the rule under its topics' first levels, else their level count; false if neither. */
function fileByTopics(idx: RuleIndex, rule: Rule, pos: number, renderCanDeny: boolean): boolean {
  if (rule.topics.kind !== "list") return false;
  const templated = rule.topics.items.some((t) => t.kind === "text-template");
  if (renderCanDeny && templated) return false;
  // an empty topic list never matches: the rule is in no list at all
  const actions = [rule.action.publish, rule.action.subscribe];
  const firsts = rule.topics.items.map(literalFirstLevel);
  if (!firsts.includes(null)) {
    for (let a = 0; a < 2; a++) if (actions[a]) for (const f of firsts) push(idx.byFirstLevel[a], f!, pos);
    return true;
  }
  const lengths = rule.topics.items.map(fixedLevels);
  if (lengths.includes(null)) return false;
  for (let a = 0; a < 2; a++) if (actions[a]) for (const n of lengths) push(idx.byLength[a], n!, pos);
  return true;
}

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
  if (r.username !== null) for (const len of idx.usernamePrefixLengths) if (len <= r.username.length && (l = idx.byUsernamePrefix.get(r.username.slice(0, len))) !== undefined) out[n++] = l;
  if ((l = idx.byFirstLevel[a].get(p.words[0])) !== undefined) out[n++] = l;
  if ((l = idx.byLength[a].get(p.words.length)) !== undefined) out[n++] = l;
  l = a === 0 ? idx.generalPublish : idx.generalSubscribe;
  if (l.length > 0) out[n++] = l;
  if (idx.byNetwork.size === 0 || r.peerhost === null) return n;
  const peer = p.peer;
  if (peer === null) return n;
  if (peer.v4 !== undefined) {
    if ((l = idx.byNetwork.get(`4/16:${peer.v4 >>> 16}`)) !== undefined) out[n++] = l;
    if ((l = idx.byNetwork.get(`4/8:${peer.v4 >>> 24}`)) !== undefined) out[n++] = l;
    return n;
  }
  if ((l = idx.byNetwork.get(`6/32:${peer.value >> 96n}`)) !== undefined) out[n++] = l;
  return n;
}
