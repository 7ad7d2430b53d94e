/** Reading hashes from a live Redis (`import --from redis --url`) or a RESP seed file. */
import type { Bytes, Dialect } from "@emqx-acl/core";
import Redis from "ioredis";
import { parseResp } from "./resp";
import { redisHashesToAcl, redisV4HashesToAcl } from "./redis-import";
import type { ImportedAcl } from "./sql-import";

export type Hashes = { key: Bytes; pairs: [Bytes, Bytes][] }[];

const glob = (s: string) => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/** Every hash under the prefix, keys sorted, fields as stored. */
export async function readRedisHashes(url: string, prefix: Bytes): Promise<Hashes> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const keys = new Set<Bytes>();
    let cursor = "0";
    do {
      const [next, batch] = (await redis.callBuffer("SCAN", cursor, "MATCH", Buffer.from(`${glob(prefix)}*`, "latin1"), "COUNT", "1000")) as [Buffer, Buffer[]];
      cursor = next.toString();
      for (const k of batch) keys.add(k.toString("latin1"));
    } while (cursor !== "0");
    const out: Hashes = [];
    for (const key of [...keys].sort()) {
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

/** The hashes a RESP seed file (`compile --to redis`) writes. */
export function hashesFromResp(resp: Bytes): Hashes {
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

/** Hashes → acl.conf for the dialect. */
export function importRedisHashes(hashes: Hashes, prefix: Bytes, dialect: Dialect, source: string, noMatch?: "allow" | "deny" | null): ImportedAcl {
  const header = [`imported by emqx-acl from redis ${source} (EMQX ${dialect.slice(1)})`];
  if (dialect === "v4") return redisV4HashesToAcl(hashes, prefix, header);
  if (!noMatch) header.push("authorization.no_match is not stored in Redis: pass --nomatch to add it");
  return redisHashesToAcl(hashes, prefix, dialect, header, noMatch);
}

/** One open connection for many `HGETALL`s (the test's model of the Redis source). */
export async function redisConnect(url: string): Promise<{ hgetall(key: Bytes): Promise<[Bytes, Bytes][]>; deletePrefix(prefix: Bytes): Promise<number>; close(): void }> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
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
        const [next, batch] = (await redis.callBuffer("SCAN", cursor, "MATCH", Buffer.from(`${glob(prefix)}*`, "latin1"), "COUNT", "1000")) as [Buffer, Buffer[]];
        cursor = next.toString();
        if (batch.length) n += Number(await redis.del(...batch));
      } while (cursor !== "0");
      return n;
    },
    close: () => redis.disconnect(),
  };
}
