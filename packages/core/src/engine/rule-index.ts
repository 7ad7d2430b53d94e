/**
 * Which rules can possibly match a request, without looking at every rule: each rule is
 * filed under ONE key — an exact username, else an exact client id (also inside `'and'`),
 * else the literal first level of every topic — or in a general list per action. A request gathers
 * its candidate lists (sorted by rule position) and the caller walks their merge in order,
 * so first-match order is kept exactly.
 */
import type { Bytes, Condition, Rule, TopicPattern } from "../model/rule";
import type { PreparedRequest } from "./prepare";

export interface RuleIndex {
  byUsername: Map<Bytes, number[]>;
  byClientid: Map<Bytes, number[]>;
  byFirstLevel: Map<Bytes, number[]>;
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

function push(map: Map<Bytes, number[]>, key: Bytes, pos: number): void {
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
  const idx: RuleIndex = { byUsername: new Map(), byClientid: new Map(), byFirstLevel: new Map(), byNetwork: new Map(), generalPublish: [], generalSubscribe: [] };
  rules.forEach((rule, pos) => {
    const user = exactKey(rule.who, "username");
    if (user !== null) return push(idx.byUsername, user, pos);
    const client = exactKey(rule.who, "clientid");
    if (client !== null) return push(idx.byClientid, client, pos);
    const templated = rule.topics.kind === "list" && rule.topics.items.some((t) => t.kind === "text-template");
    if (rule.topics.kind === "list" && !(renderCanDeny && templated)) {
      // an empty topic list never matches: the rule is in no list at all
      const firsts = rule.topics.items.map(literalFirstLevel);
      if (!firsts.includes(null)) {
        for (const f of firsts) push(idx.byFirstLevel, f!, pos);
        return;
      }
    }
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

const EMPTY: number[] = [];

/**
 * Fills `out` with the candidate lists for a request (each sorted ascending) and returns
 * how many it filled (at most 6); `out` is reused across calls to spare allocations.
 */
export function candidates(idx: RuleIndex, p: PreparedRequest, out: number[][] = []): number {
  const r = p.request;
  out[0] = r.username === null ? EMPTY : (idx.byUsername.get(r.username) ?? EMPTY);
  out[1] = idx.byClientid.get(r.clientid) ?? EMPTY;
  out[2] = idx.byFirstLevel.get(p.words[0]) ?? EMPTY;
  out[3] = r.action === "publish" ? idx.generalPublish : idx.generalSubscribe;
  if (idx.byNetwork.size === 0 || r.peerhost === null) return 4;
  const peer = p.peer;
  if (peer === null) return 4;
  if (peer.v4 !== undefined) {
    out[4] = idx.byNetwork.get(`4/16:${peer.v4 >>> 16}`) ?? EMPTY;
    out[5] = idx.byNetwork.get(`4/8:${peer.v4 >>> 24}`) ?? EMPTY;
    return 6;
  }
  out[4] = idx.byNetwork.get(`6/32:${peer.value >> 96n}`) ?? EMPTY;
  return 5;
}
