/**
 * `check --config … --source-url` against a server that accepts the connection and never
 * answers, or a port nobody listens on: one line naming the server (credentials masked),
 * exit 2, within `--timeout` — never a hang or a stack trace.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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

describe("check --source-url ends when the server does not answer", () => {
  let servers: Unresponsive;
  const work = mkdtempSync(join(tmpdir(), "emqx-acl-live-silent-"));

  beforeAll(async () => {
    servers = await unresponsiveServers();
    const q = "SELECT permission, action, topic FROM t WHERE u = ${username}";
    writeFileSync(
      join(work, "emqx.conf"),
      `authorization.sources = [{type = mysql, query = "${q}"}, {type = postgresql, query = "${q}"}, {type = redis, cmd = "HGETALL k:\${username}"}]\n`,
    );
    writeFileSync(join(work, "requests.jsonl"), '{"username":"u","clientid":"c","action":"publish","topic":"t"}\n');
  });
  afterAll(async () => {
    await servers.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [type, url] of DATABASE_URLS) {
    it(`${type}: a server that never answers, and a refused port`, async () => {
      for (const p of [servers.silentPort, servers.closedPort]) {
        const r = await cli(
          ["check", "--config", "emqx.conf", "--source-url", `${type}=${url(p)}`, "--timeout", "1", "requests.jsonl"],
          work,
        );
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(
          new RegExp(`emqx-acl: ${type} [a-z]+://…@127\\.0\\.0\\.1:${p}/[a-z0-9]+: cannot connect`),
        );
        expect(r.stderr).not.toContain(SECRET);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        // bounded: the connect and the first command each wait at most --timeout (plus process start and teardown)
        expect(r.ms).toBeLessThan(15_000);
      }
    }, 60_000);
  }
});
