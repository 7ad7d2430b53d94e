/** Reading hashes from a live Redis (`import --from redis --url`); seed files are redis-import.ts's. */
import { toBytes, type Bytes } from "@emqx-acl/core";
import Redis from "ioredis";
import { DEFAULT_NETWORK_TIMEOUT_MS } from "./sql-live";

/** Hashes by key; `notHash` names the type of a key under the prefix that is not a hash. */
export type Hashes = { key: Bytes; pairs: [Bytes, Bytes][]; notHash?: string }[];

const glob = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/**
 * The database a `redis://host:port/N` URL names, and the URL without it. The client
 * would otherwise select it on its own and, when the server refuses (`/99`), carry on in
 * database 0: we select it ourselves and fail on the refusal.
 */
export function redisDatabase(url: string): { url: string; database: number } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`"${url}" is not a URL (redis://host:port/database)`);
  }
  const path = decodeURIComponent(u.pathname.replace(/^\//, ""));
  if (path !== "" && !/^[0-9]+$/.test(path))
    throw new Error(`database ${JSON.stringify(path)} is not a number (redis://host:port/database)`);
  u.pathname = "";
  return { url: u.toString(), database: path === "" ? 0 : Number(path) };
}

/** Connects and selects the URL's database, failing when the server has no such database. */
async function connectToDatabase(url: string, timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS): Promise<Redis> {
  const target = redisDatabase(url);
  // one attempt, bounded: a refused port or a server that never answers ends the import
  const redis = new Redis(target.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    db: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  // the client reports what went wrong as events: keep the first for the message (unheard, it prints a stack)
  let trouble: Error | null = null;
  redis.on("error", (e: Error) => (trouble ??= e));
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    const why = trouble ?? (e as Error);
    throw new Error(/timed out/i.test(why.message) ? `no answer within ${timeoutMs / 1000} s` : why.message);
  }
  if (target.database !== 0) {
    try {
      await redis.select(target.database);
    } catch (e) {
      redis.disconnect();
      throw new Error(`database ${target.database}: the server refuses it (${(e as Error).message})`);
    }
  }
  return redis;
}

/**
 * Every hash under the prefix, keys sorted, fields as stored. `prefix` is text, as given
 * on the command line and written into the `cmd` of authz-source.conf: EMQX sends that
 * text as UTF-8, so the keys it reads begin with the prefix's UTF-8 bytes.
 */
export async function readRedisHashes(
  url: string,
  prefixText: string,
  timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS,
): Promise<Hashes> {
  const prefix = toBytes(prefixText);
  const redis = await connectToDatabase(url, timeoutMs);
  try {
    const keys = new Set<Bytes>();
    let cursor = "0";
    do {
      const [next, batch] = (await redis.callBuffer(
        "SCAN",
        cursor,
        "MATCH",
        Buffer.from(`${glob(prefix)}*`, "latin1"),
        "COUNT",
        "1000",
      )) as [Buffer, Buffer[]];
      cursor = next.toString();
      for (const k of batch) keys.add(k.toString("latin1"));
    } while (cursor !== "0");
    const out: Hashes = [];
    for (const key of [...keys].sort()) {
      const type = String(await redis.type(Buffer.from(key, "latin1")));
      if (type !== "hash") {
        // EMQX's HGETALL fails on it: report the key rather than fail the whole import
        if (type !== "none") out.push({ key, pairs: [], notHash: type });
        continue;
      }
      const flat = (await redis.callBuffer("HGETALL", Buffer.from(key, "latin1"))) as Buffer[];
      const pairs: [Bytes, Bytes][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i].toString("latin1"), flat[i + 1].toString("latin1")]);
      out.push({ key, pairs });
    }
    return out;
  } finally {
    redis.disconnect();
  }
}

/** One open connection for many `HGETALL`s (the test's model of the Redis source). */
export async function redisConnect(
  url: string,
  timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS,
): Promise<{
  hgetall(key: Bytes): Promise<[Bytes, Bytes][]>;
  deletePrefix(prefix: Bytes): Promise<number>;
  close(): void;
}> {
  const redis = await connectToDatabase(url, timeoutMs);
  return {
    async hgetall(key) {
      const flat = (await redis.callBuffer("HGETALL", Buffer.from(key, "latin1"))) as Buffer[];
      const pairs: [Bytes, Bytes][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i].toString("latin1"), flat[i + 1].toString("latin1")]);
      return pairs;
    },
    async deletePrefix(prefix) {
      let n = 0;
      let cursor = "0";
      do {
        const [next, batch] = (await redis.callBuffer(
          "SCAN",
          cursor,
          "MATCH",
          Buffer.from(`${glob(prefix)}*`, "latin1"),
          "COUNT",
          "1000",
        )) as [Buffer, Buffer[]];
        cursor = next.toString();
        if (batch.length) n += Number(await redis.del(...batch));
      } while (cursor !== "0");
      return n;
    },
    close: () => redis.disconnect(),
  };
}
