/**
 * `--source-url`: database sources answered from the live server, per request, the way
 * EMQX 5/6 asks them (`emqx/emqx@e5.10.4:apps/emqx_auth_mysql/src/emqx_authz_mysql.erl`
 * `authorize/4`, and the PostgreSQL and Redis modules alike): the source's query filled for
 * the client (query-template.ts), run as a prepared statement / command, the rows (hash
 * fields) turned into rules in result order (emitters' raw-rule reader), first match.
 * Each distinct filled query runs once per command (EMQX caches per client the same way).
 * A query the server rejects makes the source answer nothing for that request (EMQX:
 * `nomatch`), with a warning. Loaded only when `--source-url` is given: it brings the drivers.
 */
import { loadRuleSet } from "@emqx-acl/analysis";
import { compileDecider, fromBytes, type Request } from "@emqx-acl/core";
import {
  aclText,
  maskCredentials,
  rawRow,
  rawRuleToTerm,
  redisConnect,
  redisValueToRaw,
  sqlConnect,
  sqlRowsToAcl,
  type ImportedAcl,
  type SqlConnection,
} from "@emqx-acl/emitters";
import type { Chain, ChainStage, SourceModel } from "./load-chain";
import { render, varValue } from "./query-template";
import type { LiveQuery } from "./source-url";
import { httpModel, reachesHttp } from "./live-http-model";

type RedisConn = Awaited<ReturnType<typeof redisConnect>>;
type Conn = { sql: SqlConnection } | { redis: RedisConn };

/** The live sources of a chain, connected. */
export interface LiveSources {
  /** The chain with every live source's rules for this request. */
  chainFor(request: Request): Promise<Chain>;
  close(): Promise<void>;
}

const MAX_CACHED = 10_000;

/** One query's parameters (SQL) or arguments (Redis) for a request, as byte strings. */
function rendered(q: Exclude<LiveQuery, { type: "http" }>, request: Request): string[] {
  return q.type === "redis" ? q.args.map((a) => render(a, request)) : q.statement.vars.map((v) => varValue(v, request));
}

async function connect(q: Exclude<LiveQuery, { type: "http" }>, timeoutMs: number): Promise<Conn> {
  try {
    return q.type === "redis"
      ? { redis: await redisConnect(q.url, timeoutMs) }
      : { sql: await sqlConnect(q.type, q.url, timeoutMs) };
  } catch (e) {
    throw new Error(`${q.type} ${maskCredentials(q.url)}: cannot connect: ${maskCredentials((e as Error).message)}`);
  }
}

/** Runs the query and turns what it returned into the source's rules. */
async function fetchRules(
  q: Exclude<LiveQuery, { type: "http" }>,
  conn: Conn,
  values: string[],
  dialect: Chain["dialect"],
): Promise<ImportedAcl> {
  const header = [`${q.type} ${maskCredentials(q.url)}: what the source's query returned for this client`];
  if ("redis" in conn) {
    const terms: string[] = [];
    const errors: string[] = [];
    for (const [field, value] of await conn.redis.hgetall(values[1])) {
      const raw = redisValueToRaw(field, value);
      const r = raw
        ? rawRuleToTerm(raw, dialect)
        : { ok: false as const, reason: "value is not an action name or a JSON object" };
      if (r.ok) terms.push(r.term);
      else errors.push(`key ${JSON.stringify(values[1])} field ${JSON.stringify(field)}: ${r.reason} (EMQX skips it)`);
    }
    return { text: aclText(header, terms), errors, rowOf: terms.map((_t, i) => i) };
  }
  // MySQL receives the bytes; PostgreSQL text (EMQX sends binaries, which the server reads as UTF-8)
  const params = q.type === "mysql" ? values.map((v) => Buffer.from(v, "latin1")) : values.map(fromBytes);
  const rows = (await conn.sql.run(q.type === "redis" ? "" : q.statement.sql, params)).map(rawRow);
  return sqlRowsToAcl(rows, dialect, "query", header);
}

function model(q: Exclude<LiveQuery, { type: "http" }>, imported: ImportedAcl, chain: Chain): SourceModel {
  const ruleSet = loadRuleSet(imported.text, { dialect: chain.dialect }).lowered.ruleSet;
  const rowOf = imported.rowOf;
  const what = q.type === "redis" ? "field" : "row";
  return {
    path: maskCredentials(q.url),
    text: imported.text,
    ruleSet,
    decider: compileDecider(ruleSet, { securityProfile: chain.securityProfile }),
    imported: true,
    origin: (rule) => (rowOf[rule - 1] === undefined ? null : `${what} ${rowOf[rule - 1] + 1}`),
  };
}

/** Connects every live source of the chain; `warn` hears each distinct problem once. */
export async function openLiveSources(
  chain: Chain,
  timeoutMs: number,
  warn: (message: string) => void,
): Promise<LiveSources> {
  const live = chain.stages.filter((s): s is ChainStage & { live: LiveQuery } => s.live !== undefined);
  const conns = new Map<ChainStage, Conn>();
  const close = async () => {
    for (const c of conns.values()) await ("redis" in c ? c.redis.close() : c.sql.close().catch(() => undefined));
  };
  try {
    // an http source connects per request (live-http.ts)
    for (const s of live) if (s.live.type !== "http") conns.set(s, await connect(s.live, timeoutMs));
  } catch (e) {
    await close();
    throw e;
  }
  const cache = new Map<string, Promise<SourceModel | null>>();
  const warned = new Set<string>();
  const once = (m: string) => (warned.has(m) ? undefined : (warned.add(m), warn(m)));
  const modelFor = (s: ChainStage & { live: LiveQuery }, request: Request): Promise<SourceModel | null> => {
    const q = s.live;
    if (q.type === "http") return httpModel(s.source.number, q, request, chain, timeoutMs, once);
    const values = rendered(q, request);
    const key = `${s.source.number}\0${JSON.stringify(values)}`;
    let hit = cache.get(key);
    if (!hit) {
      if (cache.size >= MAX_CACHED) cache.clear();
      hit = fetchRules(q, conns.get(s)!, values, chain.dialect).then(
        (imported) => {
          for (const e of imported.errors) once(`source ${s.source.number} (${s.live.type}): ${e}`);
          return model(q, imported, chain);
        },
        (e: Error) => {
          once(
            `source ${s.source.number} (${s.live.type}): the query failed (${maskCredentials(e.message)}); EMQX's source answers nothing then (nomatch)`,
          );
          return null;
        },
      );
      cache.set(key, hit);
    }
    return hit;
  };
  return {
    async chainFor(request) {
      const stages = await Promise.all(
        chain.stages.map(async (s) =>
          s.live && s.source.enable && s.live.type !== "http"
            ? { ...s, model: await modelFor(s as ChainStage & { live: LiveQuery }, request) }
            : s,
        ),
      );
      // an http request is sent only when EMQX would reach the source: in order, after the databases
      for (let i = 0; i < stages.length; i++) {
        const s = stages[i];
        if (s.live?.type !== "http" || !s.source.enable) continue;
        if (!reachesHttp({ ...chain, stages: stages.slice(0, i) }, s, request)) continue;
        stages[i] = { ...s, model: await modelFor(s as ChainStage & { live: LiveQuery }, request) };
      }
      return { ...chain, stages };
    },
    close,
  };
}
