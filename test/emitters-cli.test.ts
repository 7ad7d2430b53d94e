/**
 * `emqx-acl compile` and `emqx-acl import` end to end, through the built bundle: refusals
 * with file:line:col and exit 1, nothing written; `--allow-lossy`; `--out` (see out-dir-cli); one-line
 * usage errors; a compile → redis-cli → import --url round trip.
 */
import { execFile } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { redisConnect } from "../packages/emitters/src/index";
import { ensurePostgres, ensureRedis, PG_USER, pgUrl, runName, tool } from "./support/db-services";
import { repoRoot } from "./support/shared";

const execFileAsync = promisify(execFile);
const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");
const work = mkdtempSync(join(tmpdir(), "emqx-acl-compile-"));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await execFileAsync(process.execPath, [bin, ...args], { cwd: work, encoding: "latin1" });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const MIXED = `%% mixed\n{allow, {username, "u1"}, publish, ["a/#"]}.\n{deny, all, subscribe, ["$SYS/#"]}.\n{allow, {client_attr, "role", "admin"}, all, ["admin/#"]}.\n`;

beforeAll(async () => {
  await execFileAsync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot });
  writeFileSync(join(work, "mixed.conf"), MIXED);
});

describe("emqx-acl compile", () => {
  it("refuses with file:line:col and the reason, writes nothing, exit 1", async () => {
    const r = await cli(["compile", "mixed.conf", "--to", "redis", "--emqx", "5", "--out", "out-redis"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^mixed\.conf:3:1: rule 2: cannot be expressed in redis \(EMQX 5\): Redis rules always allow/m,
    );
    expect(r.stderr).toMatch(/^mixed\.conf:4:1: rule 3: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, "out-redis"))).toBe(false);
  });

  it("--allow-lossy writes the rest and lists what was dropped", async () => {
    const r = await cli([
      "compile",
      "mixed.conf",
      "--to",
      "redis",
      "--emqx",
      "5",
      "--out",
      "out-lossy",
      "--allow-lossy",
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rule 2: dropped in redis/);
    expect(readdirSync(join(work, "out-lossy")).sort()).toEqual(["authz-source.conf", "seed.resp"]);
    expect(readFileSync(join(work, "out-lossy", "seed.resp"), "latin1")).toContain("$3\r\na/#\r\n$7\r\npublish\r\n");
  });

  it("leaves --out untouched on refusal, and writes only its own files into it with --force", async () => {
    const out = join(work, "out-sql");
    mkdirSync(out);
    writeFileSync(join(out, "old.txt"), "old");
    const bad = await cli(["compile", "mixed.conf", "--to", "mysql", "--emqx", "5", "--out", "out-sql"]);
    expect(bad.code).toBe(1);
    expect(readdirSync(out)).toEqual(["old.txt"]);
    const foreign = await cli([
      "compile",
      "mixed.conf",
      "--to",
      "mysql",
      "--emqx",
      "6",
      "--out",
      "out-sql",
      "--allow-lossy",
    ]);
    expect(foreign.code).toBe(2);
    expect(readdirSync(out)).toEqual(["old.txt"]);
    const ok = await cli([
      "compile",
      "mixed.conf",
      "--to",
      "mysql",
      "--emqx",
      "6",
      "--out",
      "out-sql",
      "--allow-lossy",
      "--force",
    ]);
    expect(ok.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["authz-source.conf", "old.txt", "seed.sql"]);
    expect(readdirSync(work).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("prints JSON and acl to stdout; usage errors are one line, exit 2", async () => {
    const json = await cli(["compile", "mixed.conf", "--to", "json", "--emqx", "5"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).rules[0]).toMatchObject({
      index: 1,
      line: 2,
      permission: "allow",
      who: { username: { exact: "u1" } },
    });
    const acl = await cli(["compile", "mixed.conf", "--to", "acl", "--emqx", "6", "--source-emqx", "5"]);
    expect(acl.code).toBe(0);
    expect(acl.stdout).toContain("%% mixed");
    const table = await cli(["compile", "mixed.conf", "--to", "mysql", "--emqx", "5", "--table", "x; DROP"]);
    expect(table.code).toBe(2);
    expect(table.stderr.trim().split("\n")).toHaveLength(1);
    const missing = await cli(["compile", "nope.conf", "--to", "json", "--emqx", "5"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read 'nope\.conf': no such file/);
  });
});

describe("emqx-acl import", () => {
  it("reads back what compile --to redis stored (live server) and a seed file", async () => {
    await ensureRedis();
    const prefix = `${runName("emqxacl_cli")}:`;
    writeFileSync(
      join(work, "allow.conf"),
      `{allow, {username, "u1"}, publish, ["a/#"]}.\n{allow, {username, "u2"}, subscribe, ["b/+"]}.\n{deny, all}.\n`,
    );
    const c = await cli([
      "compile",
      "allow.conf",
      "--to",
      "redis",
      "--emqx",
      "5",
      "--key-prefix",
      prefix,
      "--out",
      "out-r",
    ]);
    expect(c.code).toBe(0);
    tool("redis-cli", ["-h", "127.0.0.1", "--pipe"], readFileSync(join(work, "out-r", "seed.resp")));
    try {
      const live = await cli([
        "import",
        "--from",
        "redis",
        "--url",
        "redis://127.0.0.1:6379",
        "--key-prefix",
        prefix,
        "--emqx",
        "5",
        "--nomatch",
        "deny",
      ]);
      expect(live.code).toBe(0);
      expect(live.stdout).toContain('{allow, {username, "u1"}, publish, ["a/#"]}.');
      expect(live.stdout).toContain('{allow, {username, "u2"}, subscribe, ["b/+"]}.');
      expect(live.stdout).toMatch(/\{deny, all\}\.\n$/);
      const file = await cli(["import", "--from", "redis", "out-r/seed.resp", "--key-prefix", prefix, "--emqx", "5"]);
      expect(
        file.stdout
          .split("\n")
          .filter((l) => l.startsWith("{"))
          .sort(),
      ).toEqual(
        live.stdout
          .split("\n")
          .filter((l) => l.startsWith("{allow"))
          .sort(),
      );
    } finally {
      const conn = await redisConnect("redis://127.0.0.1:6379");
      await conn.deletePrefix(prefix);
      conn.close();
    }
    const bad = await cli(["import", "--from", "mongodb", "nope.json", "--emqx", "5"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot read 'nope\.json'/);
  });
});

describe("emqx-acl import does not trust the database (issue 18), through the bundle", () => {
  it("an INTEGER username column is refused with the row, exit 1 (PostgreSQL)", async () => {
    await ensurePostgres();
    const db = runName("emqxacl_cli_int");
    const admin = ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc"];
    tool("psql", [...admin, `CREATE DATABASE ${db}`]);
    try {
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
        "-c",
        `CREATE TABLE mqtt_acl (seq INTEGER PRIMARY KEY, rule_no INTEGER, username INTEGER, clientid text, cidr_text VARCHAR(64), ip_cidr cidr,
           permission VARCHAR(5), action VARCHAR(9), topics text[], qos VARCHAR(5), retain SMALLINT);
         INSERT INTO mqtt_acl VALUES (1, 1, 42, NULL, NULL, NULL, 'allow', 'publish', ARRAY['t'], NULL, NULL);`,
      ]);
      const r = await cli(["import", "--from", "postgresql", "--url", pgUrl(db), "--emqx", "5"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^postgresql: row 1 \(seq 1\): column username holds a number \(42\), not text/);
      expect(r.stdout).not.toMatch(/^\{allow/m);
    } finally {
      tool("psql", [...admin, `DROP DATABASE IF EXISTS ${db}`]);
    }
  });

  it("a Redis database the server does not have is one error line, exit 2", async () => {
    await ensureRedis();
    const r = await cli(["import", "--from", "redis", "--url", "redis://127.0.0.1:6379/99", "--emqx", "5"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^emqx-acl: cannot read rules from redis at redis:\/\/127\.0\.0\.1:6379\/99: database 99: the server refuses it/,
    );
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a non-ASCII --key-prefix: compile's cmd names the keys its seed stores, and import reads them back", async () => {
    await ensureRedis();
    const prefix = `${runName("emqxacl_cli")}:grüße:`;
    writeFileSync(join(work, "umlaut.conf"), `{allow, {username, "u1"}, publish, ["a/#"]}.\n`);
    const c = await cli([
      "compile",
      "umlaut.conf",
      "--to",
      "redis",
      "--emqx",
      "5",
      "--key-prefix",
      prefix,
      "--out",
      "out-umlaut",
    ]);
    expect(c.code).toBe(0);
    const conf = readFileSync(join(work, "out-umlaut", "authz-source.conf"), "utf8");
    const seed = readFileSync(join(work, "out-umlaut", "seed.resp"));
    expect(conf).toContain(`cmd = "HGETALL ${prefix}u:\${username}"`);
    expect(seed.includes(Buffer.from(`${prefix}u:u1`, "utf8"))).toBe(true);
    tool("redis-cli", ["-h", "127.0.0.1", "--pipe"], seed);
    try {
      const live = await cli([
        "import",
        "--from",
        "redis",
        "--url",
        "redis://127.0.0.1:6379",
        "--key-prefix",
        prefix,
        "--emqx",
        "5",
      ]);
      expect(live.code).toBe(0);
      expect(live.stdout).toContain('{allow, {username, "u1"}, publish, ["a/#"]}.');
    } finally {
      const conn = await redisConnect("redis://127.0.0.1:6379");
      await conn.deletePrefix(Buffer.from(prefix, "utf8").toString("latin1"));
      conn.close();
    }
  });
});

describe("emqx-acl fmt through the bundle (issue 18)", () => {
  it("documents --force and refuses a read-only file in one line, exit 2", async () => {
    const help = await cli(["fmt", "--help"]);
    expect(help.stdout).toMatch(/--force\s+also rewrite read-only files/);
    const p = join(work, "ro.acl.conf");
    writeFileSync(p, "{deny,all}.\n", { mode: 0o444 });
    chmodSync(p, 0o444);
    const r = await cli(["fmt", "ro.acl.conf"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("ro.acl.conf: read-only; not written (--force rewrites it)\n");
    expect(readFileSync(p, "utf8")).toBe("{deny,all}.\n");
  });
  it.skipIf(process.getuid?.() !== 0)(
    "root formatting the broker's 0640 emqx:emqx acl.conf through a symlink keeps owner, group, mode and the link (issue 14)",
    async () => {
      const etc = join(work, "etc-emqx");
      const data = join(work, "data");
      mkdirSync(etc);
      mkdirSync(data);
      const real = join(etc, "acl.conf");
      writeFileSync(real, '{allow,{username,"u1"},publish,["a/#"]}.\n');
      chmodSync(real, 0o640);
      chownSync(real, 1234, 1234);
      symlinkSync("../etc-emqx/acl.conf", join(data, "acl.conf"));
      const r = await cli(["fmt", "data/acl.conf"]);
      expect(r.code).toBe(0);
      expect(lstatSync(join(data, "acl.conf")).isSymbolicLink()).toBe(true);
      expect(readFileSync(real, "utf8")).toBe('{allow, {username, "u1"}, publish, ["a/#"]}.\n');
      const st = statSync(real);
      expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([1234, 1234, 0o640]);
      expect([readdirSync(etc), readdirSync(data)]).toEqual([["acl.conf"], ["acl.conf"]]);
    },
  );
});
