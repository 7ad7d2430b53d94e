/**
 * Redis target: one hash per subject, field = topic, value = action (EMQX 5/6: name or
 * JSON with qos/retain; EMQX 4: bitmask 1/2/3). Every Redis rule allows, there is no
 * order, and one command reads one key — so only allow rules about one kind of subject
 * (everyone, a username, a client id) fit, plus a trailing catch-all as `no_match`
 * (backends.md §3, §8.3 note 4). Everything else is refused.
 */
import { capabilities, fromBytes, toBytes, type Bytes, type Dialect, type Rule } from "@emqx-acl/core";
import { qosSet, rawTopic, splitAtCatchAll, splitProblem, whoConjuncts } from "./flatten";
import { hoconString, authzBlock } from "./sql-common";
import { respCommand } from "./resp";
import { refuse, type EmitOptions, type EmitResult, type Emitter, type Refusal } from "./types";

export type RedisLayout = "all" | "username" | "clientid";

/** Key of a subject: `<prefix>all`, `<prefix>u:<username>`, `<prefix>c:<clientid>`. */
export function redisKey(prefix: Bytes, layout: RedisLayout, name: Bytes): Bytes {
  return layout === "all" ? `${prefix}all` : `${prefix}${layout === "username" ? "u" : "c"}:${name}`;
}

/** Bit set of the (action, qos, retain) requests a rule admits: pub q r → 2q+r, sub q → 6+q. */
export function actionMask(publish: boolean, subscribe: boolean, qos: number[], retain: "all" | boolean): number {
  let m = 0;
  for (const q of qos) {
    if (publish) for (const r of [0, 1]) if (retain === "all" || Number(retain) === r) m |= 1 << (2 * q + r);
    if (subscribe) m |= 1 << (6 + q);
  }
  return m;
}

const QOS_SETS = [[0, 1, 2], [0], [1], [2], [0, 1], [0, 2], [1, 2]];

/** The shortest Redis value (EMQX 5/6) admitting exactly `mask`, or null. */
export function valueForMask(mask: number): string | null {
  for (const qos of QOS_SETS) {
    for (const retain of ["all", true, false] as const) {
      for (const action of ["publish", "subscribe", "all"] as const) {
        if (action === "subscribe" && retain !== "all") continue;
        const m = actionMask(action !== "subscribe", action !== "publish", qos, retain);
        if (m !== mask) continue;
        if (qos.length === 3 && retain === "all") return action;
        const v: Record<string, unknown> = { action, qos };
        if (retain !== "all") v.retain = retain;
        return JSON.stringify(v);
      }
    }
  }
  return null;
}

interface Entry {
  rule: Rule;
  layout: RedisLayout;
  name: Bytes;
  field: Bytes;
  mask: number;
}

function ruleEntries(rule: Rule, target: Dialect): Entry[] | string {
  if (rule.permission === "deny") return "Redis rules always allow (a deny rule has no Redis form)";
  if (rule.topics.kind === "all") return "topic list `all` matches $-topics, which no Redis field filter does";
  const sp = splitProblem(rule, target);
  if (sp) return sp;
  const conjs = whoConjuncts(rule);
  if (conjs === null) return "the condition expands to too many keys";
  const mask = actionMask(rule.action.publish, rule.action.subscribe, qosSet(rule), rule.action.retain);
  const out: Entry[] = [];
  for (const conj of conjs) {
    let layout: RedisLayout = "all";
    let name: Bytes = "";
    if (conj.length > 1) return "a Redis key names one subject; this rule AND-s several conditions";
    if (conj.length === 1) {
      const a = conj[0];
      if ((a.kind !== "username" && a.kind !== "clientid") || a.match.kind !== "exact")
        return `${a.kind} conditions have no Redis form (only the key's username or client id)`;
      if (a.kind === "username" && a.match.value === "")
        return "{username, \"\"}: EMQX renders a missing username as '' in the command";
      layout = a.kind;
      name = a.match.value;
    }
    for (const t of rule.topics.items) {
      const raw = rawTopic(t);
      if (!raw.ok) return raw.reason;
      out.push({ rule, layout, name, field: raw.text, mask });
    }
  }
  return out;
}

/**
 * The key prefix as key bytes (its UTF-8 encoding, which is what EMQX sends for the text
 * of the cmd), or an error when EMQX would not read the prefix as plain text: EMQX 5/6
 * substitute `${…}` in the cmd; EMQX 4 substitutes `%u`-style codes and splits on spaces.
 */
function prefixBytes(text: string, engine: Dialect): Bytes {
  const shown = JSON.stringify(text);
  const templating = capabilities(engine).placeholders;
  if (templating === "template" && text.includes("${"))
    throw new Error(
      `--key-prefix ${shown}: "\${" starts a placeholder in EMQX's cmd, so EMQX would read other keys than the ones stored`,
    );
  if (templating === "percent" && /[\s%]/.test(text))
    throw new Error(
      `--key-prefix ${shown}: EMQX 4 splits acl_cmd on spaces and substitutes %-codes, so it would read other keys than the ones stored`,
    );
  return toBytes(text);
}

/**
 * The `HGETALL` command template (text, as authz-source.conf holds it), quoting the key
 * when it holds spaces or quotes. `prefix` is the key bytes' prefix; EMQX sends the text
 * as UTF-8, so decoding the bytes here names exactly the keys the seed stores.
 */
export function redisCommand(prefix: Bytes, layout: RedisLayout): string {
  const key = fromBytes(redisKey(prefix, layout, layout === "all" ? "" : `\${${layout}}`));
  return /[\s"'\\]/.test(key) ? `HGETALL "${key.replace(/[\\"]/g, (c) => `\\${c}`)}"` : `HGETALL ${key}`;
}

function emitRedis(rules: readonly Rule[], options: EmitOptions): EmitResult {
  const target = options.targetDialect ?? options.dialect;
  if (capabilities(target).backendRules === "plugin-rows") return emitRedisV4(rules, options);
  if (capabilities(options.dialect).backendRules === "plugin-rows")
    throw new Error("an EMQX 4 file must be migrated first: --to acl --emqx 5, then compile that");
  const prefix = prefixBytes(options.keyPrefix ?? "mqtt_acl:", target);
  const split = splitAtCatchAll(rules, options.dialect);
  const refusals: Refusal[] = [];
  const perRule: Entry[][] = [];
  for (const rule of split.body) {
    const e = ruleEntries(rule, target);
    if (typeof e === "string") refusals.push(refuse(rule, e));
    else if (e.length) perRule.push(e);
  }
  // one command reads one kind of key: keep the kind most rules use
  const votes = new Map<RedisLayout, number>();
  for (const es of perRule) for (const l of new Set(es.map((e) => e.layout))) votes.set(l, (votes.get(l) ?? 0) + 1);
  const layout = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "username";
  const hashes = new Map<Bytes, Map<Bytes, number>>();
  for (const es of perRule) {
    if (es.some((e) => e.layout !== layout)) {
      refusals.push(
        refuse(
          es[0].rule,
          `the Redis command reads one key per ${layout === "all" ? "source (rules about everyone)" : layout}; this rule is about ${es.find((e) => e.layout !== layout)!.layout === "all" ? "everyone" : "another kind of subject"}`,
        ),
      );
      continue;
    }
    const bad = mergeEntries(hashes, es);
    if (bad) refusals.push(refuse(es[0].rule, bad));
  }
  let seed = "";
  let fields = 0;
  for (const [name, hash] of hashes) {
    const key = redisKey(prefix, layout, name);
    seed += respCommand(["DEL", key]);
    const pairs = [...hash].map(([f, m]) => [f, valueForMask(m)!]);
    fields += pairs.length;
    for (let i = 0; i < pairs.length; i += 500) seed += respCommand(["HSET", key, ...pairs.slice(i, i + 500).flat()]);
  }
  const source = {
    type: "redis",
    enable: "true",
    redis_type: "single",
    server: hoconString("127.0.0.1:6379"),
    database: "0",
    cmd: hoconString(redisCommand(prefix, layout)),
  };
  const notes: string[] = [];
  if (split.catchAll)
    notes.push(
      `rule ${split.catchAll.index} matches every request: it became authorization.no_match = ${split.catchAll.permission}`,
    );
  return {
    files: [
      { name: "seed.resp", content: seed },
      {
        name: "authz-source.conf",
        content: authzBlock(source, split.catchAll?.permission ?? null, [
          `emqx-acl compile --to redis --emqx ${target.slice(1)}: ${hashes.size} keys, ${fields} fields (load with redis-cli --pipe < seed.resp)`,
          "every field allows; a request no field matches falls through (no_match)",
        ]),
      },
    ],
    refusals: refusals.sort((a, b) => a.rule - b.rule),
    notes,
    noMatch: split.catchAll?.permission ?? null,
  };
}

/** Adds a rule's entries to the hashes; returns why not when a field would change meaning. */
function mergeEntries(
  hashes: Map<Bytes, Map<Bytes, number>>,
  es: Entry[],
  valueOf: (m: number) => string | null = valueForMask,
): string | null {
  const staged = new Map<string, number>();
  for (const e of es) {
    const k = `${e.name}\u0100${e.field}`;
    const prev = staged.get(k) ?? hashes.get(e.name)?.get(e.field) ?? 0;
    const m = prev | e.mask;
    if (valueOf(m) === null)
      return `field "${e.field}" already admits other actions/QoS, and Redis keeps one value per field: no single value admits both`;
    staged.set(k, m);
  }
  for (const e of es) {
    const hash = hashes.get(e.name) ?? new Map<Bytes, number>();
    hashes.set(e.name, hash);
    hash.set(e.field, staged.get(`${e.name}\u0100${e.field}`)!);
  }
  return null;
}

/** EMQX 4: `HGETALL mqtt_acl:%u`, bitmask values, stop-deny when a hash exists but nothing matches. */
function emitRedisV4(rules: readonly Rule[], options: EmitOptions): EmitResult {
  if (capabilities(options.dialect).backendRules !== "plugin-rows")
    throw new Error("EMQX 4 Redis data can only be made from an EMQX 4 file");
  const prefix = prefixBytes(options.keyPrefix ?? "mqtt_acl:", options.dialect);
  const split = splitAtCatchAll(rules, options.dialect);
  const refusals: Refusal[] = [];
  const hashes = new Map<Bytes, Map<Bytes, number>>();
  if (split.catchAll && split.catchAll.permission === "allow") {
    for (const rule of split.body)
      refusals.push(
        refuse(
          rule,
          `EMQX 4 Redis denies a user's unmatched requests, but rule ${split.catchAll.index} allows everything left`,
        ),
      );
  } else {
    for (const rule of split.body) {
      const why = v4Problem(rule);
      if (why) {
        refusals.push(refuse(rule, why));
        continue;
      }
      const user = (rule.who as { match: { value: Bytes } }).match.value;
      const mask = (rule.action.subscribe ? 1 : 0) | (rule.action.publish ? 2 : 0);
      const hash = hashes.get(user) ?? new Map<Bytes, number>();
      hashes.set(user, hash);
      for (const t of (rule.topics as { items: { text: Bytes }[] }).items)
        hash.set(t.text, (hash.get(t.text) ?? 0) | mask);
    }
  }
  let seed = "";
  for (const [user, hash] of hashes) {
    seed += respCommand(["DEL", `${prefix}${user}`]);
    seed += respCommand(["HSET", `${prefix}${user}`, ...[...hash].flatMap(([f, m]) => [f, String(m)])]);
  }
  const noMatch = split.catchAll?.permission ?? "deny";
  const conf = [
    `# etc/plugins/emqx_auth_redis.conf (EMQX 4); etc/emqx.conf: acl_nomatch = ${noMatch}`,
    `auth.redis.acl_cmd = HGETALL ${fromBytes(prefix)}%u`,
    "",
  ].join("\n");
  return {
    files: [
      { name: "seed.resp", content: seed },
      { name: "authz-source.conf", content: conf },
    ],
    refusals,
    notes: [
      `EMQX 4 Redis answers deny for a user whose hash exists but has no matching field: the output needs acl_nomatch = ${noMatch}`,
      "EMQX 4 database backends skip clients whose username starts with '$' (they answer 'ignore'); acl.conf does not",
    ],
    noMatch,
  };
}

function v4Problem(rule: Rule): string | null {
  if (rule.permission === "deny") return "EMQX 4 Redis rules always allow";
  const w = rule.who;
  if (w.kind !== "username" || w.match.kind !== "exact")
    return "EMQX 4 Redis keys are usernames: the rule must be about one username";
  if (w.match.value === "" || /\s/.test(w.match.value))
    return "EMQX 4 splits the Redis command on spaces and keeps '%u' for a missing username: this username has no key";
  if (rule.topics.kind === "all") return "topic `all` has no field form";
  for (const t of rule.topics.items) {
    if (t.kind === "text-template") return "EMQX 5 placeholders have no EMQX 4 Redis form";
    if (t.kind === "level-template")
      return "EMQX 4 Redis substitutes %u/%c as sub-strings without escaping (injectable): placeholders are refused";
    if (/%[uc]/.test(t.text)) return "EMQX 4 Redis would substitute the literal %u/%c in this topic";
    if (t.kind === "eq" && t.words.some((x) => x === "+" || x === "#")) return "EMQX 4 Redis has no eq topics";
    if (t.words[0] === "+" || t.words[0] === "#")
      return "in EMQX 4 Redis '#'/'+' at the first level do not match $-topics, in acl.conf they do";
  }
  return null;
}

export const redisEmitter: Emitter = {
  name: "redis",
  limits: [
    "deny rules (Redis rules always allow) except a trailing catch-all, which becomes authorization.no_match",
    "rules about different kinds of subject (everyone / usernames / client ids) in one file: one command reads one key",
    "conditions other than one exact username or client id; topic list `all`",
    "EMQX 4: placeholders, eq topics with wildcards, first-level wildcards (no $-topic match); needs acl_nomatch = deny",
  ],
  emit: emitRedis,
};
