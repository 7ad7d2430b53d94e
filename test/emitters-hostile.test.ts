/**
 * Hostile strings through each real server: quotes, backslashes, `%`, `_`, newlines,
 * control characters, NUL (where the backend holds it), emoji and right-to-left marks in
 * usernames and topics. compile → load with the stock client → import --url must give
 * back every byte, and the query EMQX runs must select the row by the exact username.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decideLinear, toBytes, type Request } from "../packages/core/src/index";
import {
  erlBinary,
  importRedisHashes,
  importSql,
  mysqlEmitter,
  postgresqlEmitter,
  rawRow,
  readRedisHashes,
  redisConnect,
  redisEmitter,
  sqlConnect,
} from "../packages/emitters/src/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideFromRows, params, parseTemplate } from "./support/db-emqx-sim";
import {
  ensureMariadb,
  ensurePostgres,
  ensureRedis,
  MYSQL_ADMIN,
  PG_USER,
  pgUrl,
  runName,
  tool,
} from "./support/db-services";
import { loadRuleSet } from "../packages/analysis/src/index";

const HOSTILE = [
  "it's",
  "a''b",
  "back\\slash",
  "\\'",
  "100%",
  "under_score",
  "%_%",
  "line\nbreak",
  "cr\r\nlf",
  "tab\there",
  "\x01\x1f\x7f",
  'quote"d',
  "back`tick",
  "😀 emoji",
  "\u200fRTL\u202emark",
  "日本語",
  "-- comment",
  "'; DROP TABLE x; --",
  "${username}",
  "$all",
  " lead and trail ",
  "nul\0byte",
].map(toBytes);

function hostileFile(withNul: boolean): { text: string; pairs: [string, string][] } {
  const pairs: [string, string][] = HOSTILE.filter((h) => withNul || !h.includes("\0")).map((h, i) => [
    `${h}#${i}`,
    `t/${h.replace(/[+#/]/g, "x").replace("${", "$ {")}/${i}`,
  ]);
  const text =
    pairs.map(([u, t]) => `{allow, {username, ${erlBinary(u)}}, publish, [${erlBinary(t)}]}.`).join("\n") + "\n";
  return { text, pairs };
}

function request(username: string, topic: string): Request {
  return {
    username,
    clientid: "c1",
    peerhost: "10.0.0.1",
    zone: "default",
    listener: "tcp:default",
    cert_common_name: null,
    client_attrs: {},
    action: "publish",
    qos: 0,
    retain: false,
    topic,
  };
}

function pairsOf(text: string): [string, string][] {
  const rs = loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet;
  expect(rs.loadError).toBeNull();
  return rs.rules.map((r) => {
    const who = r.who.kind === "and" ? r.who.items[0] : r.who;
    const u = who.kind === "username" && who.match.kind === "exact" ? who.match.value : "?";
    return [u, r.topics.kind === "list" ? r.topics.items[0].text : "?"];
  });
}

for (const flavor of ["mysql", "postgresql"] as const) {
  describe(`${flavor}: hostile strings survive byte-exact`, () => {
    const db = runName("emqxacl_h");
    const url = flavor === "mysql" ? `${MYSQL_ADMIN}/${db}` : pgUrl(db);
    const dir = mkdtempSync(join(tmpdir(), "emqxacl-h-"));
    const { text, pairs } = hostileFile(true);
    const ruleSet = loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet;
    const result = (flavor === "mysql" ? mysqlEmitter : postgresqlEmitter).emit(ruleSet.rules, { dialect: "v5" });

    beforeAll(async () => {
      if (flavor === "mysql") {
        await ensureMariadb();
        tool("mariadb", ["-h127.0.0.1", "-uroot", "-e", `CREATE DATABASE ${db}`]);
        tool("mariadb", ["-h127.0.0.1", "-uroot", db], result.files[0].content);
      } else {
        await ensurePostgres();
        tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `CREATE DATABASE ${db}`]);
        writeFileSync(join(dir, "seed.sql"), result.files[0].content);
        tool("psql", [
          "-h",
          "127.0.0.1",
          "-U",
          PG_USER,
          "-d",
          db,
          "-q",
          "-v",
          "ON_ERROR_STOP=1",
          "-f",
          join(dir, "seed.sql"),
        ]);
      }
    });
    afterAll(() => {
      if (flavor === "mysql") tool("mariadb", ["-h127.0.0.1", "-uroot", "-e", `DROP DATABASE IF EXISTS ${db}`]);
      else tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `DROP DATABASE IF EXISTS ${db}`]);
      rmSync(dir, { recursive: true, force: true });
    });

    it("refuses only what the server cannot hold", () => {
      const refused = result.refusals.map((r) => pairs[r.rule - 1][0]);
      expect(refused).toEqual(flavor === "mysql" ? [] : pairs.map((p) => p[0]).filter((u) => u.includes("\0")));
    });

    it("imports every byte back and selects rows by the exact username", async () => {
      const imported = await importSql(flavor, url, "mqtt_acl", "v5");
      expect(imported.errors).toEqual([]);
      const kept = pairs.filter((_, i) => !result.refusals.some((r) => r.rule === i + 1));
      expect(pairsOf(imported.text)).toEqual(kept);
      const query = JSON.parse(result.files[1].content.match(/query = (".*")$/m)![1]);
      const t = parseTemplate(query, flavor);
      const conn = await sqlConnect(flavor, url);
      try {
        for (const [u, topic] of kept) {
          const req = request(u, topic);
          const rows = (await conn.run(t.sql, params(t, req, flavor))).map(rawRow);
          expect(rows.length, JSON.stringify(u)).toBe(1);
          expect(decideFromRows(rows, req, "v5", null).decision, JSON.stringify([u, topic])).toBe("allow");
          const other = (await conn.run(t.sql, params(t, { ...req, username: `${u}x` }, flavor))).map(rawRow);
          expect(other.length).toBe(0);
        }
      } finally {
        await conn.close();
      }
    });
  });
}

describe("redis: hostile strings survive byte-exact", () => {
  const prefix = `${runName("emqxacl_h")}:`;
  const { text, pairs } = hostileFile(true);
  const result = redisEmitter.emit(loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet.rules, {
    dialect: "v5",
    keyPrefix: prefix,
  });
  const URL = "redis://127.0.0.1:6379/0";

  beforeAll(async () => {
    await ensureRedis();
    expect(tool("redis-cli", ["-h", "127.0.0.1", "--pipe"], Buffer.from(result.files[0].content, "latin1"))).toMatch(
      /errors: 0/,
    );
  });
  afterAll(async () => {
    const c = await redisConnect(URL);
    await c.deletePrefix(prefix);
    c.close();
  });

  it("imports every byte back (NUL included) and finds each user's hash", async () => {
    expect(result.refusals).toEqual([]);
    const imported = importRedisHashes(await readRedisHashes(URL, prefix), prefix, "v5", URL);
    expect(imported.errors).toEqual([]);
    const sort = (x: [string, string][]) => [...x].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    expect(sort(pairsOf(imported.text))).toEqual(sort(pairs));
    const back = loadRuleSet(imported.text, { dialect: "v5" }).lowered.ruleSet;
    for (const [u, topic] of pairs) {
      expect(decideLinear(back, request(u, topic)).decision, JSON.stringify([u, topic])).toBe("allow");
      expect(decideLinear(back, request(`${u}x`, topic)).decision).toBe("nomatch");
    }
  });
});
