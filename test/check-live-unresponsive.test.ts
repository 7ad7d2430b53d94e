/**
 * `check --config … --source-url` against a server that accepts the connection and never
 * answers, or a port nobody listens on: one line naming the server (credentials masked),
 * exit 2, within `--timeout` — never a hang or a stack trace.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin } from "./support/cli";

function cli(args: string[], cwd: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cliBin, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (code) => resolve({ code, stderr, ms: Date.now() - t0 }));
  });
}

describe("check --source-url ends when the server does not answer", () => {
  let silent: Server;
  let port = 0;
  let closedPort = 0;
  const sockets: Socket[] = [];
  const work = mkdtempSync(join(tmpdir(), "emqx-acl-live-silent-"));

  beforeAll(async () => {
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    port = (silent.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const q = "SELECT permission, action, topic FROM t WHERE u = ${username}";
    writeFileSync(join(work, "emqx.conf"), `authorization.sources = [{type = mysql, query = "${q}"}, {type = postgresql, query = "${q}"}, {type = redis, cmd = "HGETALL k:\${username}"}]\n`);
    writeFileSync(join(work, "requests.jsonl"), '{"username":"u","clientid":"c","action":"publish","topic":"t"}\n');
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
    rmSync(work, { recursive: true, force: true });
  });

  const cases: [string, (p: number) => string][] = [
    ["postgresql", (p) => `postgres://u:S3cr3t@127.0.0.1:${p}/db`],
    ["mysql", (p) => `mysql://u:S3cr3t@127.0.0.1:${p}/db`],
    ["redis", (p) => `redis://u:S3cr3t@127.0.0.1:${p}/0`],
  ];
  for (const [type, url] of cases) {
    it(`${type}: a server that never answers, and a refused port`, async () => {
      for (const p of [port, closedPort]) {
        const r = await cli(["check", "--config", "emqx.conf", "--source-url", `${type}=${url(p)}`, "--timeout", "1", "requests.jsonl"], work);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`emqx-acl: ${type} [a-z]+://…@127\\.0\\.0\\.1:${p}/[a-z0-9]+: cannot connect`));
        expect(r.stderr).not.toContain("S3cr3t");
        expect(r.stderr).not.toMatch(/\n\s+at /);
        // bounded: the connect and the first command each wait at most --timeout (plus process start and teardown)
        expect(r.ms).toBeLessThan(15_000);
      }
    }, 60_000);
  }
});
