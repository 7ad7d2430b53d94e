/**
 * Names longer than the usual columns: a 3,000-byte username and a 10,000-byte client id
 * (EMQX accepts both; MQTT allows 65,535 bytes) compiled for MySQL and PostgreSQL, loaded
 * with the stock clients into the real servers (MariaDB in its default strict mode) and
 * queried as EMQX queries: the rule is found for the whole name and not for a cut one.
 * MySQL's VARBINARY(2048) refused such a row in strict mode (and cut it on a lax server:
 * another client's rule); PostgreSQL's btree index refused it above ~2,700 bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadRuleSet } from "../packages/analysis/src/index";
import { mysqlEmitter, postgresqlEmitter, sqlConnect, type EmitResult } from "../packages/emitters/src/index";
import { parseTemplate, params, type Flavor } from "./support/db-emqx-sim";
import { ensureMariadb, ensurePostgres, MYSQL_ADMIN, PG_USER, pgUrl, runName, tool } from "./support/db-services";

// random letters: a repeated one compresses, and PostgreSQL's index would take it anyway
let seed = 11;
const letters = (n: number) =>
  Array.from({ length: n }, () =>
    String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 26)),
  ).join("");
const USER = letters(3000);
const CLIENT = letters(10000);
const ACL = [
  `{allow, {username, "${USER}"}, publish, ["long/user"]}.`,
  `{allow, {clientid, "${CLIENT}"}, publish, ["long/client"]}.`,
  `{allow, {username, "short"}, publish, ["short"]}.`,
].join("\n");

const queryOf = (r: EmitResult) =>
  JSON.parse(r.files.find((f) => f.name === "authz-source.conf")!.content.match(/query = (".*")$/m)![1]) as string;

describe.each<Flavor>(["mysql", "postgresql"])("%s: names longer than 2,048 bytes", (flavor) => {
  const db = runName("emqxacl_long");
  const dir = mkdtempSync(join(tmpdir(), "emqxacl-long-"));
  let conn: Awaited<ReturnType<typeof sqlConnect>> | null = null;
  let result: EmitResult;

  beforeAll(async () => {
    const loaded = loadRuleSet(ACL + "\n", { dialect: "v5" });
    expect(loaded.lowered.ruleSet.loadError).toBeFalsy();
    result = (flavor === "mysql" ? mysqlEmitter : postgresqlEmitter).emit(loaded.lowered.ruleSet.rules, {
      dialect: "v5",
      table: "mqtt_acl",
    });
    const seedFile = join(dir, "seed.sql");
    writeFileSync(seedFile, result.files.find((f) => f.name === "seed.sql")!.content);
    if (flavor === "mysql") {
      await ensureMariadb();
      tool("mariadb", ["-h127.0.0.1", "-uroot", "-e", `CREATE DATABASE ${db}`]);
      tool("mariadb", ["-h127.0.0.1", "-uroot", db], result.files.find((f) => f.name === "seed.sql")!.content);
    } else {
      await ensurePostgres();
      tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `CREATE DATABASE ${db}`]);
      tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", db, "-q", "-v", "ON_ERROR_STOP=1", "-f", seedFile]);
    }
    conn = await sqlConnect(flavor, flavor === "mysql" ? `${MYSQL_ADMIN}/${db}` : pgUrl(db));
  }, 60_000);

  afterAll(async () => {
    await conn?.close();
    if (flavor === "mysql") tool("mariadb", ["-h127.0.0.1", "-uroot", "-e", `DROP DATABASE IF EXISTS ${db}`]);
    else tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `DROP DATABASE IF EXISTS ${db}`]);
    rmSync(dir, { recursive: true, force: true });
  });

  const topicsFor = async (username: string, clientid: string) => {
    const t = parseTemplate(queryOf(result), flavor);
    const req = { username, clientid, peerhost: "10.0.0.1", action: "publish", topic: "x" } as never;
    const rows = await conn!.run(t.sql, params(t, req, flavor));
    return rows.map((r) => String(r.topic ?? r.topics)).sort();
  };

  it("loads every row (no refusal) and finds each rule by its whole name", async () => {
    expect(result.refusals).toEqual([]);
    expect(await topicsFor(USER, "c")).toEqual(["long/user"]);
    expect(await topicsFor("u", CLIENT)).toEqual(["long/client"]);
    expect(await topicsFor("short", "c")).toEqual(["short"]);
  });

  it("a name cut to the old column size finds nothing", async () => {
    expect(await topicsFor(USER.slice(0, 2048), CLIENT.slice(0, 2048))).toEqual([]);
  });
});

describe("mysql: a name longer than MQTT's 65,535 bytes", () => {
  it("is refused with its rule, not written into a column that cannot hold it", () => {
    const text = `{allow, {username, "${"u".repeat(70000)}"}, publish, ["t"]}.\n{allow, all, publish, ["ok"]}.\n`;
    const loaded = loadRuleSet(text, { dialect: "v5" });
    const r = mysqlEmitter.emit(loaded.lowered.ruleSet.rules, { dialect: "v5" });
    expect(r.refusals.map((x) => [x.rule, x.start])).toEqual([[1, 0]]);
    expect(r.refusals[0].reason).toMatch(/65,535/);
    expect(r.files.find((f) => f.name === "seed.sql")!.content).not.toContain("u".repeat(100));
  });
});
