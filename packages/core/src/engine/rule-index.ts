/**
 * Which rules can possibly match a request, without looking at every rule: each rule is
 * filed under ONE key — an exact username, else an exact client id (also inside `'and'`),
 * else the literal first level of every topic — or in the general list. A request gathers
 * its candidate lists (sorted by rule position) and the caller walks their merge in order,
 * so first-match order is kept exactly.
 */
import type { Bytes, Condition, Rule, TopicPattern } from "../model/rule";
import type { PreparedRequest } from "./prepare";

export interface RuleIndex {
  byUsername: Map<Bytes, number[]>;
  byClientid: Map<Bytes, number[]>;
  byFirstLevel: Map<Bytes, number[]>;
  general: number[];
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

function push(map: Map<Bytes, number[]>, key: Bytes, pos: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [pos]);
  else if (list[list.length - 1] !== pos) list.push(pos);
}

/** Builds the index over rule positions (0-based, file order). */
export function buildIndex(rules: readonly Rule[]): RuleIndex {
  const idx: RuleIndex = { byUsername: new Map(), byClientid: new Map(), byFirstLevel: new Map(), general: [] };
  rules.forEach((rule, pos) => {
    const user = exactKey(rule.who, "username");
    if (user !== null) return push(idx.byUsername, user, pos);
    const client = exactKey(rule.who, "clientid");
    if (client !== null) return push(idx.byClientid, client, pos);
    if (rule.topics.kind === "list") {
      // an empty topic list never matches: the rule is in no list at all
      const firsts = rule.topics.items.map(literalFirstLevel);
      if (!firsts.includes(null)) {
        for (const f of firsts) push(idx.byFirstLevel, f!, pos);
        return;
      }
    }
    idx.general.push(pos);
  });
  return idx;
}

const EMPTY: number[] = [];

/** The candidate lists for a request (each sorted ascending). */
export function candidates(idx: RuleIndex, p: PreparedRequest): number[][] {
  const r = p.request;
  return [
    r.username === null ? EMPTY : (idx.byUsername.get(r.username) ?? EMPTY),
    idx.byClientid.get(r.clientid) ?? EMPTY,
    idx.byFirstLevel.get(p.words[0]) ?? EMPTY,
    idx.general,
  ];
}
