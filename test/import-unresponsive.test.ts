/**
 * Issue 16, database failures: `import --url` against a server that accepts the connection
 * and never answers, or a port nobody listens on, ends with one line naming the server
 * (credentials masked), exit 2, within `--timeout` — never a hang or a stack trace.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DATABASE_URLS,
  runCliAsync as cli,
  SECRET,
  unresponsiveServers,
  type Unresponsive,
} from "./support/unresponsive-servers";

describe("import --url ends when the server does not answer", () => {
  let servers: Unresponsive;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "emqx-acl-silent-"));
    servers = await unresponsiveServers();
  });
  afterAll(async () => {
    await servers.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [from, url] of DATABASE_URLS) {
    it(`${from}: a server that never answers, and a refused port`, async () => {
      for (const p of [servers.silentPort, servers.closedPort]) {
        const r = await cli(["import", "--from", from, "--url", url(p), "--emqx", "5", "--timeout", "1"], work);
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.trim().split("\n")).toHaveLength(1);
        expect(r.stderr).toMatch(
          new RegExp(`^emqx-acl: cannot read rules from ${from} at [a-z]+://…@127\\.0\\.0\\.1:${p}/`),
        );
        expect(r.stderr).not.toContain(SECRET);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }, 30_000);
  }

  it("--timeout takes positive seconds only", async () => {
    const r = await cli(
      ["import", "--from", "redis", "--url", "redis://127.0.0.1:1/0", "--emqx", "5", "--timeout", "0"],
      work,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout/);
  });
});
