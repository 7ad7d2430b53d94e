/**
 * Issue 16, database failures: `import --url` against a server that accepts the connection
 * and never answers, or a port nobody listens on, ends with one line naming the server
 * (credentials masked), exit 2, within `--timeout` — never a hang or a stack trace.
 */
import { createServer, type Server, type Socket } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin } from "./support/cli";

/** Runs the CLI; resolves with its exit code and stderr (the test's own timeout bounds it). */
function cli(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cliBin, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("import --url ends when the server does not answer", () => {
  let silent: Server;
  let port = 0;
  let closedPort = 0;
  const sockets: Socket[] = [];
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "emqx-acl-silent-"));
    // accepts every connection and never sends a byte
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    port = (silent.address() as { port: number }).port;
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    closedPort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
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
  for (const [from, url] of cases) {
    it(`${from}: a server that never answers, and a refused port`, async () => {
      for (const p of [port, closedPort]) {
        const r = await cli(["import", "--from", from, "--url", url(p), "--emqx", "5", "--timeout", "1"], work);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
        expect(r.stderr).toMatch(new RegExp(`^emqx-acl: cannot read rules from ${from} at [a-z]+://…@127\\.0\\.0\\.1:${p}/`));
        expect(r.stderr).not.toContain("S3cr3t");
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }, 30_000);
  }

  it("--timeout takes positive seconds only", async () => {
    const r = await cli(["import", "--from", "redis", "--url", "redis://127.0.0.1:1/0", "--emqx", "5", "--timeout", "0"], work);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout/);
  });
});
