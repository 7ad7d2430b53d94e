/**
 * The real database servers of this machine for the emitter tests: each `ensure…` checks
 * the server answers, starts it the way CI does when it does not, and otherwise fails
 * with a clear message (never a silent skip). Each test run works in its own database or
 * key prefix and drops it afterwards.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createConnection } from "node:net";

function portOpen(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

async function ensure(name: string, port: number, start: () => void): Promise<void> {
  if (await portOpen(port)) return;
  start();
  for (let i = 0; i < 60; i++) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} is not running on 127.0.0.1:${port} and could not be started; start it and rerun the tests`);
}

function run(cmd: string, args: string[]): void {
  spawnSync(cmd, args, { stdio: "ignore", timeout: 20_000 });
}

export function ensureMariadb(): Promise<void> {
  return ensure("MariaDB", 3306, () =>
    run("start-stop-daemon", ["--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd"]),
  );
}

export function ensurePostgres(): Promise<void> {
  return ensure("PostgreSQL", 5432, () => {
    const version = readdirSync("/etc/postgresql")[0];
    run("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"]);
  });
}

export function ensureRedis(): Promise<void> {
  return ensure("Redis", 6379, () =>
    run("redis-server", [
      "--daemonize",
      "yes",
      "--bind",
      "127.0.0.1",
      "-::1",
      "--port",
      "6379",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      "/var/lib/redis",
      "--logfile",
      "/var/log/redis/ci.log",
    ]),
  );
}

/** A unique, lower-case name for this run's database / key prefix. */
export function runName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}`;
}

/** Runs a client tool with `input` on stdin; throws with its stderr on failure. */
export function tool(cmd: string, args: string[], input?: string | Buffer): string {
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 28, timeout: 120_000 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}: ${r.stderr.toString().slice(0, 2000)}`);
  return r.stdout.toString();
}

export const MYSQL_ADMIN = "mysql://root@127.0.0.1:3306";
export const PG_USER = process.env.EMQX_ACL_PG_USER ?? "postgres";
export const pgUrl = (db: string) => `postgres://${PG_USER}@127.0.0.1:5432/${db}`;
