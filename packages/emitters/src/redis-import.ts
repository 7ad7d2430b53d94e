/**
 * Redis hashes (read live or from a RESP seed file) → acl.conf (the `import --from redis`
 * core and the test's model of the Redis source): every field becomes an allow rule about
 * the key's subject.
 */
import { capabilities, fromBytes, toBytes, type Bytes, type Dialect } from "@emqx-acl/core";
import { parseJsonFloatsAsText } from "./json-floats";
import { erlText } from "./literals";
import { rawRuleToTerm, type RawRule, type RawValue } from "./raw-rule";
import { aclText, type ImportedAcl } from "./sql-import";
import type { RedisLayout } from "./redis";
import { parseResp } from "./resp";
import { maskCredentials } from "./urls";

/** One key as read: its field/value pairs, or (`notHash`) the type of a key that is no hash. */
export interface RedisHash {
  key: Bytes;
  pairs: [Bytes, Bytes][];
  notHash?: string;
}

/** A field value (EMQX 5/6) → the raw rule EMQX builds from it, or null when EMQX skips it. */
export function redisValueToRaw(field: Bytes, value: Bytes): RawRule | null {
  if (["publish", "subscribe", "all", "pub", "sub"].includes(value))
    return { permission: "allow", action: value, topic: field };
  try {
    // EMQX's JSON decoder keeps 1.0 a float, which is no QoS / retain value
    const v = parseJsonFloatsAsText(fromBytes(value)) as Record<string, unknown>;
    if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
    const pick = (x: unknown): RawValue => (Array.isArray(x) ? x.map(pick) : (x as RawValue));
    return { permission: "allow", action: pick(v.action), qos: pick(v.qos), retain: pick(v.retain), topic: field };
  } catch {
    return null;
  }
}

/** Which subject a key is about, from its name (`<prefix>all`, `u:<name>`, `c:<name>`). */
export function redisKeySubject(prefix: Bytes, key: Bytes): { layout: RedisLayout; name: Bytes } | null {
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  if (rest === "all") return { layout: "all", name: "" };
  if (rest.startsWith("u:")) return { layout: "username", name: rest.slice(2) };
  if (rest.startsWith("c:")) return { layout: "clientid", name: rest.slice(2) };
  return null;
}

/** EMQX 5/6 hashes → acl.conf terms (allow rules; order is irrelevant). */
export function redisHashesToAcl(
  hashes: RedisHash[],
  prefix: Bytes,
  dialect: Dialect,
  header: string[],
  noMatch?: "allow" | "deny" | null,
): ImportedAcl {
  const terms: string[] = [];
  const errors: string[] = [];
  for (const { key, pairs, notHash } of hashes) {
    if (notHash) {
      errors.push(
        `key ${JSON.stringify(key)}: not a hash (${notHash}); EMQX's HGETALL fails for this client and the source is skipped`,
      );
      continue;
    }
    const subject = redisKeySubject(prefix, key);
    if (!subject) {
      errors.push(`key ${JSON.stringify(key)}: not <prefix>all, <prefix>u:NAME or <prefix>c:NAME`);
      continue;
    }
    const who = subject.layout === "all" ? [] : [`{${subject.layout}, ${erlText(subject.name, dialect)}}`];
    for (const [field, value] of pairs) {
      const raw = redisValueToRaw(field, value);
      const r = raw
        ? rawRuleToTerm(raw, dialect, who)
        : { ok: false as const, reason: "value is not an action name or a JSON object" };
      if (r.ok) terms.push(r.term);
      else errors.push(`key ${JSON.stringify(key)} field ${JSON.stringify(field)}: ${r.reason} (EMQX skips it)`);
    }
  }
  return { text: aclText(header, terms, noMatch), errors, rowOf: [] };
}

/** EMQX 4 hashes `<prefix><username>` (bitmask values) → acl.conf with each user's stop-deny. */
export function redisV4HashesToAcl(hashes: RedisHash[], prefix: Bytes, header: string[]): ImportedAcl {
  const terms: string[] = [];
  const errors: string[] = [];
  for (const { key, pairs, notHash } of hashes) {
    if (!key.startsWith(prefix)) continue;
    if (notHash) {
      errors.push(
        `key ${JSON.stringify(key)}: not a hash (${notHash}); EMQX 4's HGETALL fails for this user (the plugin ignores the request)`,
      );
      continue;
    }
    const user = erlText(key.slice(prefix.length), "v4");
    for (const [field, value] of pairs) {
      const m = /^[0-9]+$/.test(value) ? Number(value) & 3 : -1;
      if (m < 0)
        errors.push(
          `key ${JSON.stringify(key)} field ${JSON.stringify(field)}: value is not an integer (EMQX 4 ignores the whole hash)`,
        );
      else if (m > 0)
        terms.push(`{allow, {user, ${user}}, ${["", "subscribe", "publish", "pubsub"][m]}, [${erlText(field, "v4")}]}`);
    }
    // a user whose hash exists but matches nothing is denied (the chain stops)
    terms.push(`{deny, {user, ${user}}, pubsub, ["#"]}`);
  }
  return {
    text: aclText(
      [
        ...header,
        "EMQX 4 Redis: needs acl_nomatch = deny; fields with %u/%c or first-level wildcards differ from acl.conf",
      ],
      terms,
    ),
    errors,
    rowOf: [],
  };
}

/** The hashes a RESP seed file (`compile --to redis`) writes. */
export function hashesFromResp(resp: Bytes): RedisHash[] {
  const byKey = new Map<Bytes, Map<Bytes, Bytes>>();
  for (const [cmd, key, ...rest] of parseResp(resp)) {
    const c = cmd.toUpperCase();
    if (c === "DEL") byKey.delete(key);
    else if (c === "HSET" || c === "HMSET") {
      const h = byKey.get(key) ?? new Map<Bytes, Bytes>();
      byKey.set(key, h);
      for (let i = 0; i + 1 < rest.length; i += 2) h.set(rest[i], rest[i + 1]);
    }
  }
  return [...byKey].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, h]) => ({ key, pairs: [...h] }));
}

/** Hashes → acl.conf for the dialect (`prefixText` as given on the command line). */
export function importRedisHashes(
  hashes: RedisHash[],
  prefixText: string,
  dialect: Dialect,
  source: string,
  noMatch?: "allow" | "deny" | null,
): ImportedAcl {
  const prefix = toBytes(prefixText);
  const header = [`imported by emqx-acl from redis ${maskCredentials(source)} (EMQX ${dialect.slice(1)})`];
  if (capabilities(dialect).backendRules === "plugin-rows") return redisV4HashesToAcl(hashes, prefix, header);
  if (!noMatch) header.push("authorization.no_match is not stored in Redis: pass --nomatch to add it");
  return redisHashesToAcl(hashes, prefix, dialect, header, noMatch);
}
