/**
 * Issue 16, injection and secrets: nothing a user names (a table, a file name, a URL)
 * becomes a statement of a query or of a generated file, and no password is written
 * anywhere. Against the REAL local PostgreSQL, MariaDB and Redis (fresh database / key
 * prefix per run, dropped afterwards), with a canary table that must survive every attempt.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emitterFor, importSql, importSqlDump, redisConnect, redisEmitter } from "../packages/emitters/src/index";
import { parseDocument } from "../packages/syntax/src/index";
import { runBuiltCli } from "./support/cli";
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

const HOSTILE_TABLES = [
  'x"; DROP TABLE canary; --',
  "x` UNION SELECT 1,2,3,4,5,6,7 -- ",
  "mqtt_acl WHERE 1=0; DROP TABLE canary",
  "a.*",
  "t\nDROP TABLE canary",
];

function oneLineUsageError(r: { code: number; stderr: string }, what: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("--table is a plain identifier for every command, checked before anything runs", () => {
  const db = runName("emqxacl_inject");
  let work: string;
  const psql = (sql: string) =>
    tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", db, "-qtA", "-v", "ON_ERROR_STOP=1", "-c", sql]);
  const mysql = (sql: string) => tool("mariadb", ["-h", "127.0.0.1", "-u", "root", "-N", "-B", db, "-e", sql]);

  beforeAll(async () => {
    await Promise.all([ensurePostgres(), ensureMariadb()]);
    tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `CREATE DATABASE ${db}`]);
    psql("CREATE TABLE canary (x INTEGER); INSERT INTO canary VALUES (42)");
    tool("mariadb", [
      "-h",
      "127.0.0.1",
      "-u",
      "root",
      "-e",
      `CREATE DATABASE ${db}; CREATE TABLE ${db}.canary (x INTEGER); INSERT INTO ${db}.canary VALUES (42)`,
    ]);
    work = mkdtempSync(join(tmpdir(), "emqx-acl-inject-"));
    writeFileSync(join(work, "acl.conf"), '{allow, {username, "u1"}, publish, ["a/#"]}.\n');
    writeFileSync(join(work, "seed.sql"), "CREATE TABLE mqtt_acl (seq INTEGER);\n");
  });
  afterAll(() => {
    tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `DROP DATABASE IF EXISTS ${db}`]);
    tool("mariadb", ["-h", "127.0.0.1", "-u", "root", "-e", `DROP DATABASE IF EXISTS ${db}`]);
    rmSync(work, { recursive: true, force: true });
  });

  it("import --url and compile refuse each hostile name in one line, exit 2; the canary tables survive", () => {
    for (const table of HOSTILE_TABLES) {
      for (const [from, url] of [
        ["postgresql", pgUrl(db)],
        ["mysql", `${MYSQL_ADMIN}/${db}`],
      ] as const) {
        oneLineUsageError(
          runBuiltCli(["import", "--from", from, "--url", url, "--emqx", "5", "--table", table], { cwd: work }),
          /table name .* must be letters, digits and _/,
        );
      }
      oneLineUsageError(
        runBuiltCli(["import", "--from", "mysql", "seed.sql", "--emqx", "5", "--table", table], { cwd: work }),
        /table name .* must be letters, digits and _/,
      );
      for (const to of ["mysql", "postgresql", "mongodb"])
        oneLineUsageError(
          runBuiltCli(["compile", "acl.conf", "--to", to, "--emqx", "5", "--table", table], { cwd: work }),
          /table name .* must be letters, digits and _/,
        );
    }
    expect(psql("SELECT x FROM canary").trim()).toBe("42");
    expect(mysql("SELECT x FROM canary").trim()).toBe("42");
  });

  it("the library functions refuse them too (a caller other than the CLI), before any query", async () => {
    for (const table of HOSTILE_TABLES) {
      await expect(importSql("postgresql", pgUrl(db), table, "v5")).rejects.toThrow(
        /table name .* must be letters, digits and _/,
      );
      await expect(importSql("mysql", `${MYSQL_ADMIN}/${db}`, table, "v4")).rejects.toThrow(
        /table name .* must be letters, digits and _/,
      );
      expect(() => importSqlDump("CREATE TABLE mqtt_acl (seq INTEGER);", "mysql", table, "v5", "seed.sql")).toThrow(
        /table name .* must be letters, digits and _/,
      );
    }
    expect(psql("SELECT x FROM canary").trim()).toBe("42");
    expect(mysql("SELECT x FROM canary").trim()).toBe("42");
  });
});

describe("names written into generated files stay inside their comments", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "emqx-acl-inject-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("compile: a file name holding newlines is a comment in seed.sql and authz-source.conf, not a statement", () => {
    const name = "x\nDROP TABLE canary; --\r\n# injected = true\n%% {allow, all}.conf";
    writeFileSync(join(work, name), '{allow, {username, "u1"}, publish, ["a/#"]}.\n');
    for (const to of ["mysql", "postgresql"]) {
      const out = `out-${to}`;
      const r = runBuiltCli(["compile", name, "--to", to, "--emqx", "5", "--out", out], { cwd: work });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const seed = readFileSync(join(work, out, "seed.sql"), "utf8");
      const conf = readFileSync(join(work, out, "authz-source.conf"), "utf8");
      // every line that is not a comment is one the tool meant to write
      expect(seed.split("\n").filter((l) => /DROP TABLE|injected/.test(l) && !l.startsWith("-- "))).toEqual([]);
      expect(conf.split("\n").filter((l) => /DROP TABLE|injected/.test(l) && !l.startsWith("# "))).toEqual([]);
      expect(seed).toContain("x\\x0aDROP TABLE canary; --\\x0d\\x0a# injected = true");
    }
  });

  it("compile --to acl: a refused rule's reason quoting a topic with newlines stays a comment", () => {
    const text = '{allow, all, publish, ["a\\n{allow, all}.\\n${x}"]}.\n{deny, all}.\n';
    const rules = loadRuleSet(text, { dialect: "v4" }).lowered.ruleSet.rules;
    const out = emitterFor("acl").emit(rules, { dialect: "v4", targetDialect: "v5", sourceText: text });
    expect(out.refusals).toHaveLength(1);
    const acl = out.files[0].content;
    const forms = parseDocument(acl).forms;
    expect(forms.map((f) => acl.slice(f.start, f.end))).toEqual(["{deny, all}."]);
  });

  it("import FILE: the header of the acl.conf it prints stays a comment (the file parses to the imported rules only)", () => {
    const name = "seed\n{allow, all}.\n.sql";
    writeFileSync(join(work, name), "CREATE TABLE mqtt_acl (seq INTEGER, rule_no INTEGER);\n");
    const r = runBuiltCli(["import", "--from", "mysql", name, "--emqx", "5", "--nomatch", "deny"], { cwd: work });
    expect(r.code).toBe(0);
    const forms = parseDocument(r.stdout).forms;
    expect(forms.map((f) => r.stdout.slice(f.start, f.end))).toEqual(["{deny, all}."]);
  });
});

describe("credentials never reach what the tool writes", () => {
  const run = runName("emqxacl_secret");
  beforeAll(ensureRedis);
  afterAll(async () => {
    const conn = await redisConnect("redis://127.0.0.1:6379/0");
    await conn.deletePrefix(run);
    conn.close();
  });

  it("import --from redis --url with a password: the acl.conf it prints (stdout and --out) never holds the password", async () => {
    const prefix = `${run}:`;
    const rules = loadRuleSet('{allow, {username, "u1"}, publish, ["a/#"]}.\n', { dialect: "v5" }).lowered.ruleSet
      .rules;
    const seed = redisEmitter
      .emit(rules, { dialect: "v5", keyPrefix: prefix })
      .files.find((f) => f.name === "seed.resp")!.content;
    tool("redis-cli", ["-h", "127.0.0.1", "--pipe"], Buffer.from(seed, "latin1"));
    // the default user has no password here: Redis accepts any, so the URL carries one
    const url = "redis://default:S3cr3t-canary@127.0.0.1:6379/0";
    const work = mkdtempSync(join(tmpdir(), "emqx-acl-secret-"));
    try {
      const r = runBuiltCli(["import", "--from", "redis", "--url", url, "--emqx", "5", "--key-prefix", prefix], {
        cwd: work,
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('{allow, {username, "u1"}, publish, ["a/#"]}.');
      expect(r.stdout + r.stderr).not.toContain("S3cr3t-canary");
      expect(r.stdout).toContain("redis://…@127.0.0.1:6379/0");
      const out = runBuiltCli(
        ["import", "--from", "redis", "--url", url, "--emqx", "5", "--key-prefix", prefix, "--out", "dir"],
        { cwd: work },
      );
      expect(out.code).toBe(0);
      expect(readFileSync(join(work, "dir", "acl.conf"), "utf8")).not.toContain("S3cr3t-canary");
      // and a failure names the server without it
      const bad = runBuiltCli(
        ["import", "--from", "redis", "--url", "redis://default:S3cr3t-canary@127.0.0.1:6379/99", "--emqx", "5"],
        { cwd: work },
      );
      expect(bad.code).toBe(2);
      expect(bad.stderr).not.toContain("S3cr3t-canary");
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
