/**
 * `import --from mysql|postgresql` must not trust what a database returns (issue 18): every value read back is
 * checked the way EMQX would read it, against the REAL local servers (a fresh database /
 * key prefix per run, dropped afterwards). A value EMQX would treat differently from the
 * acl.conf we would print is refused, naming the row or key it came from.
 */
import { importSql, importSqlDump } from "../packages/emitters/src/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureMariadb, ensurePostgres, MYSQL_ADMIN, PG_USER, pgUrl, runName, tool } from "./support/db-services";
import { loadRuleSet } from "../packages/analysis/src/index";

const ruleLines = (text: string) => text.split("\n").filter((l) => l.startsWith("{"));

/** Our EMQX 5/6 PostgreSQL layout, with the column types a hand-edited table might have. */
const pgTable = (name: string, types: Partial<Record<string, string>> = {}) => {
  const t = { username: "text", clientid: "text", qos: "VARCHAR(5)", action: "VARCHAR(9)", ...types };
  return `CREATE TABLE ${name} (seq INTEGER PRIMARY KEY, rule_no INTEGER NOT NULL, username ${t.username} NULL, clientid ${t.clientid} NULL,
    cidr_text VARCHAR(64) NULL, ip_cidr cidr NULL, permission VARCHAR(5) NOT NULL, action ${t.action} NOT NULL, topics text[] NOT NULL, qos ${t.qos} NULL, retain SMALLINT NULL);`;
};

describe("import --from postgresql checks every value it reads", () => {
  const db = runName("emqxacl_untrusted");
  const url = pgUrl(db);
  const psql = (sql: string) =>
    tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", db, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]);

  beforeAll(async () => {
    await ensurePostgres();
    tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `CREATE DATABASE ${db}`]);
  });
  afterAll(() => {
    tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `DROP DATABASE IF EXISTS ${db}`]);
  });

  it("refuses a username stored in an INTEGER column instead of making a rule for everyone", async () => {
    psql(pgTable("t_int", { username: "INTEGER" }));
    psql(`INSERT INTO t_int VALUES (1, 1, 42, NULL, NULL, NULL, 'allow', 'publish', ARRAY['t/1'], NULL, NULL)`);
    const r = await importSql("postgresql", url, "t_int", "v5", "deny");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^row 1 \(seq 1\): column username holds a number \(42\), not text/);
    expect(ruleLines(r.text)).toEqual(["{deny, all}."]);
  });

  it("refuses a CIDR EMQX cannot parse, and one that disagrees with the range the query tests", async () => {
    psql(pgTable("t_cidr"));
    psql(`INSERT INTO t_cidr VALUES
      (1, 1, 'u', NULL, 'garbage', NULL, 'allow', 'publish', ARRAY['a'], NULL, NULL),
      (2, 2, 'u', NULL, '10.0.0.0/8', '192.168.0.0/16', 'allow', 'publish', ARRAY['b'], NULL, NULL),
      (3, 3, 'u', NULL, '10.1.2.3/8', '10.0.0.0/8', 'allow', 'publish', ARRAY['c'], NULL, NULL)`);
    const r = await importSql("postgresql", url, "t_cidr", "v5");
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^row 1 \(seq 1\): cidr_text "garbage":/);
    expect(r.errors[1]).toMatch(
      /^row 2 \(seq 2\): cidr_text "10\.0\.0\.0\/8" is not the range the query tests \(ip_cidr 192\.168\.0\.0\/16\)/,
    );
    expect(ruleLines(r.text)).toEqual([
      '{allow, {\'and\', [{username, "u"}, {ipaddr, "10.1.2.3/8"}]}, publish, ["c"]}.',
    ]);
    expect(loadRuleSet(r.text, { dialect: "v5" }).lowered.ruleSet.loadError).toBeNull();
  });

  it("refuses columns EMQX's driver returns as something else (numeric QoS, jsonb action)", async () => {
    psql(pgTable("t_types", { qos: "NUMERIC", action: "jsonb" }));
    psql(`INSERT INTO t_types VALUES (1, 1, 'u', NULL, NULL, NULL, 'allow', '"publish"', ARRAY['a'], 1, NULL)`);
    const r = await importSql("postgresql", url, "t_types", "v5");
    expect(r.errors.join("\n")).toMatch(/^row 1 \(seq 1\): column action has type jsonb/);
    expect(ruleLines(r.text)).toEqual([]);
  });
});

describe("import --from mysql checks every value it reads", () => {
  const db = runName("emqxacl_untrusted");
  const url = `${MYSQL_ADMIN}/${db}`;
  const mariadb = (sql: string) => tool("mariadb", ["-h127.0.0.1", "-uroot", db, "-e", sql]);
  const myTable = (name: string, username = "VARBINARY(2048)", qos = "VARCHAR(5)") =>
    `CREATE TABLE ${name} (seq INTEGER NOT NULL PRIMARY KEY, rule_no INTEGER NOT NULL, username ${username} NULL, clientid VARBINARY(2048) NULL,
      cidr_text VARCHAR(64) NULL, ip_net VARBINARY(16) NULL, ip_k TINYINT UNSIGNED NULL, ip_m TINYINT UNSIGNED NULL,
      permission VARCHAR(5) NOT NULL, action VARCHAR(9) NOT NULL, topic BLOB NOT NULL, qos ${qos} NULL, retain SMALLINT NULL)`;

  beforeAll(async () => {
    await ensureMariadb();
    tool("mariadb", ["-h127.0.0.1", "-uroot", "-e", `CREATE DATABASE ${db}`]);
  });
  afterAll(() => {
    tool("mariadb", ["-h127.0.0.1", "-uroot", "-e", `DROP DATABASE IF EXISTS ${db}`]);
  });

  it("refuses a username stored in an INT column", async () => {
    mariadb(myTable("t_int", "INT"));
    mariadb(`INSERT INTO t_int VALUES (1, 1, 42, NULL, NULL, NULL, NULL, NULL, 'allow', 'publish', 't/1', NULL, NULL)`);
    const r = await importSql("mysql", url, "t_int", "v5");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^row 1 \(seq 1\): column username holds a number \(42\), not text/);
    expect(ruleLines(r.text)).toEqual([]);
  });

  it("refuses a garbage CIDR and one whose stored network bytes say otherwise", async () => {
    mariadb(myTable("t_cidr"));
    mariadb(`INSERT INTO t_cidr VALUES
      (1, 1, 'u', NULL, '10.0.0.0/33', NULL, NULL, NULL, 'allow', 'publish', 'a', NULL, NULL),
      (2, 2, 'u', NULL, '10.0.0.0/8', X'C0A80000', 2, 0, 'allow', 'publish', 'b', NULL, NULL),
      (3, 3, 'u', NULL, '10.0.0.0/8', X'0A000000', 1, 0, 'allow', 'publish', 'c', NULL, NULL)`);
    const r = await importSql("mysql", url, "t_cidr", "v5");
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^row 1 \(seq 1\): cidr_text "10\.0\.0\.0\/33":/);
    expect(r.errors[1]).toMatch(/^row 2 \(seq 2\): cidr_text "10\.0\.0\.0\/8" is not the range the query tests/);
    expect(ruleLines(r.text)).toEqual([
      '{allow, {\'and\', [{username, "u"}, {ipaddr, "10.0.0.0/8"}]}, publish, ["c"]}.',
    ]);
  });

  it("refuses a FLOAT QoS (EMQX reads 1.0, which is not a QoS)", async () => {
    mariadb(myTable("t_float", "VARBINARY(2048)", "FLOAT"));
    mariadb(`INSERT INTO t_float VALUES (1, 1, 'u', NULL, NULL, NULL, NULL, NULL, 'allow', 'publish', 'a', 1, NULL)`);
    const r = await importSql("mysql", url, "t_float", "v5");
    expect(r.errors.join("\n")).toMatch(/^row 1 \(seq 1\): column qos has type FLOAT/);
    expect(ruleLines(r.text)).toEqual([]);
  });

  it("refuses an EMQX 4 row whose ipaddr is not a CIDR", async () => {
    mariadb(`CREATE TABLE t_v4 (seq INTEGER NOT NULL PRIMARY KEY, rule_no INTEGER NOT NULL, allow INTEGER NOT NULL, ipaddr VARCHAR(60) NULL,
      username VARBINARY(2048) NULL, clientid VARBINARY(2048) NULL, access INTEGER NOT NULL, topic BLOB NOT NULL)`);
    mariadb(`INSERT INTO t_v4 VALUES (1, 1, 1, 'not-an-ip', NULL, NULL, 2, 'a')`);
    const r = await importSql("mysql", url, "t_v4", "v4");
    expect(r.errors.join("\n")).toMatch(/^row 1 \(seq 1\): ipaddr "not-an-ip":/);
    expect(ruleLines(r.text)).toEqual([]);
  });
});

describe("import of a seed.sql file checks its values the same way", () => {
  it("refuses an unquoted (integer) username and a garbage cidr_text, naming the row", () => {
    const dump = `INSERT INTO mqtt_acl (seq, rule_no, username, clientid, cidr_text, permission, action, topic, qos, retain) VALUES
      (1, 1, 42, NULL, NULL, 'allow', 'publish', 'a', NULL, NULL),
      (2, 2, 'u', NULL, '300.1.1.1/8', 'allow', 'publish', 'b', NULL, NULL),
      (3, 3, 'u', NULL, NULL, 'allow', 'publish', 'c', NULL, NULL);`;
    const r = importSqlDump(dump, "mysql", "mqtt_acl", "v5", "seed.sql");
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^row 1 \(seq 1\): column username holds a number \(42\), not text/);
    expect(r.errors[1]).toMatch(/^row 2 \(seq 2\): cidr_text "300\.1\.1\.1\/8":/);
    expect(ruleLines(r.text)).toEqual(['{allow, {username, "u"}, publish, ["c"]}.']);
  });
});
