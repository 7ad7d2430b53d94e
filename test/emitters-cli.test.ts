/**
 * `emqx-acl compile` and `emqx-acl import` end to end, through the built bundle: refusals
 * with file:line:col and exit 1, nothing written; `--allow-lossy`; atomic `--out`; one-line
 * usage errors; a compile → redis-cli → import --url round trip.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { redisConnect } from "../packages/emitters/src/index";
import { ensureRedis, runName, tool } from "./support/db-services";
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
    expect(r.stderr).toMatch(/^mixed\.conf:3:1: rule 2: cannot be expressed in redis \(EMQX 5\): Redis rules always allow/m);
    expect(r.stderr).toMatch(/^mixed\.conf:4:1: rule 3: /m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, "out-redis"))).toBe(false);
  });

  it("--allow-lossy writes the rest and lists what was dropped", async () => {
    const r = await cli(["compile", "mixed.conf", "--to", "redis", "--emqx", "5", "--out", "out-lossy", "--allow-lossy"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rule 2: dropped in redis/);
    expect(readdirSync(join(work, "out-lossy")).sort()).toEqual(["authz-source.conf", "seed.resp"]);
    expect(readFileSync(join(work, "out-lossy", "seed.resp"), "latin1")).toContain("$3\r\na/#\r\n$7\r\npublish\r\n");
  });

  it("replaces --out atomically and leaves it untouched on refusal", async () => {
    const out = join(work, "out-sql");
    mkdirSync(out);
    writeFileSync(join(out, "old.txt"), "old");
    const bad = await cli(["compile", "mixed.conf", "--to", "mysql", "--emqx", "5", "--out", "out-sql"]);
    expect(bad.code).toBe(1);
    expect(readdirSync(out)).toEqual(["old.txt"]);
    const ok = await cli(["compile", "mixed.conf", "--to", "mysql", "--emqx", "6", "--out", "out-sql", "--allow-lossy"]);
    expect(ok.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["authz-source.conf", "seed.sql"]);
    expect(readdirSync(work).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("prints JSON and acl to stdout; usage errors are one line, exit 2", async () => {
    const json = await cli(["compile", "mixed.conf", "--to", "json", "--emqx", "5"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).rules[0]).toMatchObject({ index: 1, line: 2, permission: "allow", who: { username: { exact: "u1" } } });
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
    writeFileSync(join(work, "allow.conf"), `{allow, {username, "u1"}, publish, ["a/#"]}.\n{allow, {username, "u2"}, subscribe, ["b/+"]}.\n{deny, all}.\n`);
    const c = await cli(["compile", "allow.conf", "--to", "redis", "--emqx", "5", "--key-prefix", prefix, "--out", "out-r"]);
    expect(c.code).toBe(0);
    tool("redis-cli", ["-h", "127.0.0.1", "--pipe"], readFileSync(join(work, "out-r", "seed.resp")));
    try {
      const live = await cli(["import", "--from", "redis", "--url", "redis://127.0.0.1:6379", "--key-prefix", prefix, "--emqx", "5", "--nomatch", "deny"]);
      expect(live.code).toBe(0);
      expect(live.stdout).toContain('{allow, {username, "u1"}, publish, ["a/#"]}.');
      expect(live.stdout).toContain('{allow, {username, "u2"}, subscribe, ["b/+"]}.');
      expect(live.stdout).toMatch(/\{deny, all\}\.\n$/);
      const file = await cli(["import", "--from", "redis", "out-r/seed.resp", "--key-prefix", prefix, "--emqx", "5"]);
      expect(file.stdout.split("\n").filter((l) => l.startsWith("{")).sort()).toEqual(live.stdout.split("\n").filter((l) => l.startsWith("{allow")).sort());
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
