/**
 * A small, independent first-match evaluator over the rule model, used to validate every
 * witness the symbolic analysis produces (and by tests). It deliberately shares no code
 * with the symbolic side except template rendering.
 */
import type { Condition, Dialect, Request, Rule } from "@emqx-acl/core";
import { compileByteRegex } from "./byte-regex";
import { rulePatterns, type Identity, type WordPattern } from "./patterns";
import { cidrContains, parseAddress, capabilities, toBytes } from "@emqx-acl/core";

/** The 1-based index of the first rule matching the request, or null. */
export function firstMatch(
  rules: Rule[],
  req: Request,
  dialect: Dialect,
  profile: "legacy" | "hardened" = "legacy",
): number | null {
  const topic = prepare(req.topic, req.action, dialect);
  if (topic === null) return null;
  for (const r of rules) if (ruleMatches(r, { ...req, topic }, dialect, profile)) return r.index;
  return null;
}

function prepare(topic: string, action: string, dialect: Dialect): string | null {
  let t = topic;
  if (action === "subscribe") {
    const m = /^\$share\/[^/]+\/(.*)$/s.exec(t) ?? /^\$(?:queue|exclusive)\/(.*)$/s.exec(t);
    if (m) t = m[1];
    // v4's parse/2 recurses after a share prefix: `$share/g/$exclusive/t` → `t`
    if (
      m &&
      capabilities(dialect).sharePrefixRecurses &&
      !topic.startsWith("$exclusive/") &&
      t.startsWith("$exclusive/")
    )
      t = t.slice(11);
  }
  if (capabilities(dialect).delayedPrefix) {
    while (t.startsWith("$delayed/")) {
      const rest = t.slice(9);
      const i = rest.indexOf("/");
      if (i < 0) return null;
      t = rest.slice(i + 1);
    }
  }
  return t;
}

/** Does this single rule match the (already prepared) request? */
export function ruleMatches(r: Rule, req: Request, dialect: Dialect, profile: "legacy" | "hardened"): boolean {
  const a = r.action;
  if (req.action === "publish" ? !a.publish : !a.subscribe) return false;
  if (!a.qos.includes(req.qos)) return false;
  if (req.action === "publish" && a.retain !== "all" && a.retain !== req.retain) return false;
  if (!who(r.who, req, profile)) return false;
  const id: Identity = new Map<string, string | null>([
    ["username", req.username],
    ["clientid", req.clientid],
    ["zone", toBytes(req.zone)],
    ["cert_common_name", req.cert_common_name],
    ["listener", toBytes(req.listener)],
  ]);
  for (const [k, v] of Object.entries(req.client_attrs)) id.set(`attr:${k}`, v);
  const pats = rulePatterns(r, dialect, id);
  if (pats.all) return true;
  const words = req.topic.split("/");
  return pats.patterns.some((p) => topicMatches(words, p, capabilities(dialect).dollarGuard));
}

function nameMatch(
  m: { kind: "exact"; value: string } | { kind: "re"; pattern: string },
  v: string | null | undefined,
): boolean {
  if (v === null || v === undefined) return false;
  if (m.kind === "exact") return m.value === v;
  return compileByteRegex(m.pattern)?.test(v) ?? false;
}

function who(c: Condition, req: Request, profile: string): boolean {
  switch (c.kind) {
    case "all":
      return true;
    case "and":
      return c.items.every((x) => who(x, req, profile));
    case "or":
      return c.items.some((x) => who(x, req, profile));
    case "username":
      return nameMatch(c.match, req.username);
    case "clientid":
      return nameMatch(c.match, req.clientid);
    case "zone":
      return nameMatch(c.match, toBytes(req.zone));
    case "listener":
      return nameMatch(c.match, toBytes(req.listener));
    case "client_attr":
      return nameMatch(c.match, req.client_attrs[c.name]);
    case "security_profile":
      return c.profile === profile;
    case "ipaddr": {
      const ip = req.peerhost === null ? null : parseAddress(req.peerhost);
      return !!ip && c.cidrs.some((x) => cidrContains(x, ip));
    }
  }
}

/** EMQX `match/2` on word lists (names or filters read literally), with the `$` guard. */
export function topicMatches(name: string[], p: WordPattern, guard: boolean): boolean {
  if (p.literal) return name.length === p.words.length && name.every((w, i) => w === p.words[i]);
  if (guard && name[0]?.startsWith("$") && (p.words[0] === "+" || p.words[0] === "#")) return false;
  const go = (i: number, j: number): boolean => {
    if (j === p.words.length) return i === name.length;
    const f = p.words[j];
    if (f === "#" && j === p.words.length - 1) return true;
    if (i === name.length) return false;
    if (f === "+" || f === name[i]) return go(i + 1, j + 1);
    return false;
  };
  return go(0, 0);
}
