/**
 * Stored rules → acl.conf terms, exactly as EMQX turns them into rules:
 * EMQX 5/6 `emqx_authz_rule_raw:parse_rule/1` (backends.md §0) and EMQX 4's positional
 * `[Allow, IpAddr, Username, ClientId, Access, Topic]` rows (§1.1). The term is then
 * compiled by the same rule compiler as acl.conf, so lowering it with our own pipeline is
 * the faithful row-to-rule step (used by the importers and the database tests).
 */
import { capabilities, parseCidr, type Bytes, type Dialect } from "@emqx-acl/core";
import { erlText } from "./literals";

/** A raw value as drivers return it: byte strings, numbers, booleans, null, lists. */
export type RawValue = Bytes | number | boolean | null | undefined | RawValue[];
export type RawRule = Record<string, RawValue>;

export type TermResult = { ok: true; term: string } | { ok: false; reason: string };

const WHO_KEYS = ["clientid_re", "ipaddr", "listener", "listener_re", "username_re", "zone", "zone_re"] as const;

function qosList(v: RawValue): number[] | null {
  const atom = (x: RawValue): number | null =>
    x === 0 || x === 1 || x === 2 ? x : x === "0" || x === "1" || x === "2" ? Number(x) : null;
  if (v === null || v === undefined) return [0, 1, 2];
  if (typeof v === "number") return atom(v) === null ? null : [v];
  const items = typeof v === "string" ? v.split(",") : Array.isArray(v) ? v : null;
  if (items === null) return null;
  const out: number[] = [];
  for (const x of items) {
    const q = atom(x);
    if (q === null) return null;
    out.push(q);
  }
  return out;
}

function retainValue(v: RawValue): "all" | "true" | "false" | null {
  if (v === null || v === undefined || v === "all") return "all";
  if (v === true || v === 1 || v === "1" || v === "true") return "true";
  if (v === false || v === 0 || v === "0" || v === "false") return "false";
  return null;
}

function topicTerm(t: RawValue, dialect: Dialect): string | null {
  if (typeof t !== "string") return null;
  return t.startsWith("eq ") ? `{eq, ${erlText(t.slice(3), dialect)}}` : erlText(t, dialect);
}

function whoTerm(key: (typeof WHO_KEYS)[number], v: RawValue, dialect: Dialect): TermResult {
  if (typeof v !== "string" || v === "") return { ok: false, reason: `invalid_${key}: ${JSON.stringify(v)}` };
  const name = key.replace(/_re$/, "");
  if (key === "ipaddr") {
    // EMQX's parser lets any text through and its compiler then crashes the whole source
    const cidr = parseCidr(v);
    if (!cidr.ok) return { ok: false, reason: `invalid_ipaddr ${JSON.stringify(v)}: ${cidr.message}` };
    return { ok: true, term: `{ipaddr, ${erlText(v, dialect)}}` };
  }
  return {
    ok: true,
    term: key.endsWith("_re") ? `{${name}, {re, ${erlText(v, dialect)}}}` : `{${name}, ${erlText(v, dialect)}}`,
  };
}

/**
 * One EMQX 5/6 raw rule → an acl.conf term. `extraWho` are condition terms the query
 * already applied (exact username/clientid/CIDR), AND-ed in so the term stands alone.
 * EMQX 5 (5.8.9) has no raw who keys; EMQX 6 reads them.
 */
export function rawRuleToTerm(raw: RawRule, dialect: Dialect, extraWho: string[] = []): TermResult {
  const perm = raw.permission;
  if (perm !== "allow" && perm !== "deny") return { ok: false, reason: `invalid_permission: ${JSON.stringify(perm)}` };
  const act = raw.action;
  const action =
    act === "pub" || act === "publish"
      ? "publish"
      : act === "sub" || act === "subscribe"
        ? "subscribe"
        : act === "all"
          ? "all"
          : null;
  if (action === null) return { ok: false, reason: `invalid_action: ${JSON.stringify(act)}` };
  const rawTopics = typeof raw.topic === "string" ? [raw.topic] : Array.isArray(raw.topics) ? raw.topics : null;
  if (rawTopics === null) return { ok: false, reason: "missing_topic_or_topics" };
  const topics = rawTopics.map((t) => topicTerm(t, dialect));
  if (topics.some((t) => t === null)) return { ok: false, reason: "a topic is not a string" };
  const qos = qosList(raw.qos);
  if (qos === null) return { ok: false, reason: `invalid_qos: ${JSON.stringify(raw.qos)}` };
  const retain = retainValue(raw.retain);
  if (retain === null) return { ok: false, reason: `invalid_retain: ${JSON.stringify(raw.retain)}` };
  const who = [...extraWho];
  if (capabilities(dialect).rawRuleWhoKeys) {
    for (const key of WHO_KEYS) {
      if (!(key in raw) || raw[key] === undefined) continue;
      const w = whoTerm(key, raw[key], dialect);
      if (!w.ok) return w;
      who.push(w.term);
    }
  }
  const whoText = who.length === 0 ? "all" : who.length === 1 ? who[0] : `{'and', [${who.join(", ")}]}`;
  const opts = [`{qos, [${qos.join(", ")}]}`];
  if (action !== "subscribe") opts.push(`{retain, ${retain}}`);
  const plain = qos.length === 3 && new Set(qos).size === 3 && retain === "all";
  const actionText = plain ? action : `{${action}, [${opts.join(", ")}]}`;
  return { ok: true, term: `{${perm}, ${whoText}, ${actionText}, [${topics.join(", ")}]}` };
}

/** One EMQX 4 row `[Allow, IpAddr, Username, ClientId, Access, Topic]` → a v4 term. */
export function v4RowToTerm(row: RawValue[]): TermResult {
  const [allow, ip, user, client, access, topic] = row;
  const perm = allow === 1 || allow === "1" ? "allow" : allow === 0 || allow === "0" ? "deny" : null;
  if (perm === null)
    return { ok: false, reason: `allow column ${JSON.stringify(allow)} is not 0 or 1 (EMQX 4 crashes on this row)` };
  const acc =
    access === 1 || access === "1"
      ? "subscribe"
      : access === 2 || access === "2"
        ? "publish"
        : access === 3 || access === "3"
          ? "pubsub"
          : null;
  if (acc === null)
    return {
      ok: false,
      reason: `access column ${JSON.stringify(access)} is not 1, 2 or 3 (EMQX 4 crashes on this row)`,
    };
  if (typeof topic !== "string") return { ok: false, reason: "topic column is not a string" };
  let who: string;
  if (user === "$all") who = "all";
  else {
    if (ip === null && user === null && client === null)
      return { ok: false, reason: "ipaddr, username and clientid are all NULL (undefined_who)" };
    const parts: string[] = [];
    const present = (v: RawValue): v is string => typeof v === "string" && v !== "";
    if (present(ip)) {
      const cidr = parseCidr(ip);
      if (!cidr.ok) return { ok: false, reason: `ipaddr ${JSON.stringify(ip)}: ${cidr.message}` };
      parts.push(`{ipaddr, ${erlText(ip, "v4")}}`);
    }
    if (present(user)) parts.push(`{user, ${erlText(user, "v4")}}`);
    if (present(client)) parts.push(`{client, ${erlText(client, "v4")}}`);
    who = parts.length === 1 ? parts[0] : `{'and', [${parts.join(", ")}]}`;
  }
  const t = topic.startsWith("eq ") ? `{eq, ${erlText(topic.slice(3), "v4")}}` : erlText(topic, "v4");
  return { ok: true, term: `{${perm}, ${who}, ${acc}, [${t}]}` };
}
