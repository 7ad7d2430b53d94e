/**
 * `check --config … --source-url` against the real servers: rules are compiled with
 * `compile --to mysql|postgresql|redis`, loaded into a fresh table / key prefix, and the
 * chain that reads them live (the source's query from the written authz-source.conf) must
 * decide every request as `check` decides the acl file. Then the source's query is edited
 * as an operator would, and the decisions change the way EMQX's would: the expectation is
 * the acl file edited to mean the same thing.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisConnect } from "../packages/emitters/src/index";
import { runBuiltCli } from "./support/cli";
import { ensureMariadb, ensurePostgres, ensureRedis, PG_USER, pgUrl, runName, tool } from "./support/db-services";
import { repoRoot } from "./support/shared";

const dir = mkdtempSync(join(tmpdir(), "emqxacl-live-"));
const run = runName("live");

const SQL_ACL = `{deny, {username, "alice"}, publish, ["a/secret"]}.
{allow, {username, "alice"}, publish, ["a/#"]}.
{allow, {clientid, "c1"}, all, ["t/\${clientid}"]}.
{deny, {username, "bob"}, subscribe, ["#"]}.
{allow, {username, "bob"}, all, ["b/\${username}/+"]}.
{deny, all, publish, ["x/#"]}.
{allow, {ipaddr, "10.0.0.0/8"}, publish, ["ip/#"]}.
`;
const REDIS_ACL = `{allow, {username, "alice"}, publish, ["a/#"]}.
{allow, {username, "bob"}, subscribe, ["b/\${username}/+"]}.
{allow, {username, "c1"}, all, ["t/c1"]}.
`;

/** Every combination of a few clients, both actions and topics that hit and miss the rules. */
function requests(): string {
  const lines: string[] = [];
  for (const username of ["alice", "bob", "c1", null])
    for (const clientid of ["c1", "x"])
      for (const peerhost of ["10.1.2.3", "192.0.2.7", null])
        for (const action of ["publish", "subscribe"])
          for (const topic of ["a/b", "a/secret", "t/c1", "t/x", "b/bob/1", "x/y", "ip/1", "zz"])
            lines.push(JSON.stringify({ username, clientid, peerhost, action, topic }));
  return `${lines.join("\n")}\n`;
}

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** `check` on an acl file, with nomatch as the configurations' no_match (deny): one decision a line. */
function fileDecisions(acl: string): string[] {
  const r = runBuiltCli(["check", "--engine", "v5", write(`${run}-${acl.length}.conf`, acl), "requests.jsonl"], {
    cwd: dir,
  });
  expect(r.stderr).toBe("");
  return r.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l).decision)
    .map((d: string) => (d === "nomatch" ? "deny" : d));
}

/** `check --config` with the live source: one decision a line (and the run, for stderr). */
function chainDecisions(conf: string, sourceUrl: string): { decisions: string[]; stderr: string; code: number } {
  const r = runBuiltCli(["check", "--config", conf, "--source-url", sourceUrl, "--timeout", "10", "requests.jsonl"], {
    cwd: dir,
  });
  return {
    decisions: r.stdout
      .trim()
      .split("\n")
      .map((l) => (l ? JSON.parse(l).decision : "")),
    stderr: r.stderr,
    code: r.code,
  };
}

/** Compiles `acl` for a target into dir/<name>; returns the authz-source.conf path (given `no_match = deny`, so allow rows show) and the seed. */
function compile(acl: string, target: string, name: string, extra: string[]): { conf: string; seed: string } {
  const out = join(dir, name);
  const r = runBuiltCli(["compile", "--to", target, "--emqx", "5", ...extra, "--out", out, write(`${name}.acl`, acl)], {
    cwd: dir,
  });
  expect(r.code, r.stderr).toBe(0);
  const conf = join(out, "authz-source.conf");
  writeFileSync(conf, readFileSync(conf, "utf8").replace("authorization {\n", "authorization {\n  no_match = deny\n"));
  return { conf, seed: join(out, target === "redis" ? "seed.resp" : "seed.sql") };
}

/** A copy of the authz-source.conf with its query / cmd edited. */
function edited(conf: string, edit: (text: string) => string): string {
  const text = readFileSync(conf, "utf8");
  const next = edit(text);
  expect(next).not.toBe(text);
  return write(`edited-${Math.random().toString(36).slice(2)}.conf`, next);
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
  write("requests.jsonl", requests());
});

describe.each(["mysql", "postgresql"] as const)("check --config --source-url %s", (flavor) => {
  const table = `${run}_acl`;
  const url = flavor === "mysql" ? "mysql://root@127.0.0.1:3306/test" : pgUrl("test");
  const client = (sql: string) =>
    flavor === "mysql"
      ? tool("mariadb", ["-h127.0.0.1", "-uroot", "test"], sql)
      : tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "test", "-q", "-v", "ON_ERROR_STOP=1"], sql);
  let conf = "";

  beforeAll(async () => {
    await (flavor === "mysql" ? ensureMariadb() : ensurePostgres());
    const c = compile(SQL_ACL, flavor, `${flavor}-out`, ["--table", table]);
    conf = c.conf;
    client(readFileSync(c.seed, "utf8"));
  });

  afterAll(() => {
    client(`DROP TABLE IF EXISTS ${table};`);
  });

  it("decides every request as check decides the acl file", () => {
    const expected = fileDecisions(SQL_ACL);
    const got = chainDecisions(conf, `${flavor}=${url}`);
    expect(got.stderr).toBe("");
    expect(got.decisions).toEqual(expected);
    expect(new Set(expected)).toEqual(new Set(["allow", "deny"]));
  });

  it("runs the configuration's own query: an extra WHERE on permission drops the deny rows, as EMQX would", () => {
    const allowOnly = edited(conf, (t) => t.replace(" ORDER BY seq", " AND permission = 'allow' ORDER BY seq"));
    const expected = fileDecisions(
      SQL_ACL.split("\n")
        .filter((l) => !l.startsWith("{deny"))
        .join("\n"),
    );
    const got = chainDecisions(allowOnly, `${flavor}=${url}`);
    expect(got.decisions).toEqual(expected);
    expect(got.decisions).not.toEqual(fileDecisions(SQL_ACL));
  });

  it("explain names the row the query returned and the URL without credentials", () => {
    const r = runBuiltCli(
      [
        "explain",
        "--config",
        conf,
        "--source-url",
        `${flavor}=${url.replace("root@", "root:@")}`,
        "--username",
        "alice",
        "--clientid",
        "x",
        "--publish",
        "a/secret",
      ],
      { cwd: dir },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^decision: deny by source 1 \((mysql|postgresql)\) rule 1 \((mysql|postgres):\/\/…@127\.0\.0\.1:\d+\/test row 1\)/,
    );
    expect(r.stdout).toContain('{deny, all, publish, ["a/secret"]}');
  });

  it("a query the server rejects leaves the source answering nothing (no_match decides), with one warning", () => {
    const broken = edited(conf, (t) => t.replace("SELECT permission", "SELECT no_such_column, permission"));
    const got = chainDecisions(broken, `${flavor}=${url}`);
    expect(got.code).toBe(0);
    expect(new Set(got.decisions)).toEqual(new Set(["deny"]));
    expect(got.stderr.match(/the query failed/g)).toHaveLength(1);
  });
});

describe("check --config --source-url redis", () => {
  const prefix = `${run}:`;
  const url = "redis://127.0.0.1:6379/0";
  let conf = "";

  beforeAll(async () => {
    await ensureRedis();
    const c = compile(REDIS_ACL, "redis", "redis-out", ["--key-prefix", prefix]);
    conf = c.conf;
    expect(tool("redis-cli", ["-h", "127.0.0.1", "-p", "6379", "--pipe"], readFileSync(c.seed))).toMatch(/errors: 0/);
  });

  afterAll(async () => {
    const conn = await redisConnect(url);
    await conn.deletePrefix(prefix);
    conn.close();
  });

  it("decides every request as check decides the acl file", () => {
    const got = chainDecisions(conf, `redis=${url}`);
    expect(got.stderr).toBe("");
    expect(got.decisions).toEqual(fileDecisions(REDIS_ACL));
  });

  it("runs the configuration's own cmd: keyed by ${clientid}, the hashes answer for client ids", () => {
    const byClient = edited(conf, (t) => t.replace("u:${username}", "u:${clientid}"));
    const got = chainDecisions(byClient, `redis=${url}`);
    expect(got.decisions).toEqual(fileDecisions(REDIS_ACL.replaceAll("{username, ", "{clientid, ")));
  });

  it("never prints the password of a URL it cannot use (exit 2)", async () => {
    await ensureMariadb();
    const runs = [
      { url: "redis=redis://:hunter2@127.0.0.1:1/0", says: /redis redis:\/\/…@127\.0\.0\.1:1\/0: cannot connect/ },
      {
        url: "mysql=mysql://root:hunter2@127.0.0.1:3306/test",
        says: /mysql mysql:\/\/…@127\.0\.0\.1:3306\/test: cannot connect: Access denied/,
      },
    ];
    const mysqlConf = write(
      "mysql-src.conf",
      'authorization.sources = [{type = mysql, query = "SELECT permission, action, topic FROM t WHERE u = ${username}"}]\n',
    );
    for (const { url, says } of runs) {
      const r = runBuiltCli(
        [
          "check",
          "--config",
          url.startsWith("redis") ? conf : mysqlConf,
          "--source-url",
          url,
          "--timeout",
          "5",
          "requests.jsonl",
        ],
        { cwd: dir },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(says);
      expect(r.stderr + r.stdout).not.toContain("hunter2");
    }
  });
});
