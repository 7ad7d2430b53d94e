/**
 * End to end: `check --jobs N` answers with worker threads and writes exactly what one
 * thread writes — every line in request order, malformed lines reported with their line
 * numbers, the same exit code — from a file of several batches and from stdin; a file
 * EMQX refuses still gives its one load_error line; bad `--jobs` values are usage errors.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformanceCases, repoRoot } from "./support/shared";
import { prng } from "./support/prng";

const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");
const dir = mkdtempSync(join(tmpdir(), "emqx-acl-jobs-"));
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, cwd: repoRoot, maxBuffer: 1 << 28 });

/** A rule file whose rules meet (templates, an address rule, a regex, a catch-all). */
const ACL = `{allow, {username, {re, "^adm"}}, all, ["#"]}.
{deny, {ipaddr, "10.1.0.0/16"}, publish, ["devices/+/cmd"]}.
{allow, all, publish, ["devices/\${clientid}/up/#"]}.
{allow, {clientid, "c7"}, subscribe, ["devices/+/up/#"]}.
{deny, all, subscribe, ["$SYS/#"]}.
{allow, all, subscribe, ["public/#"]}.
{deny, all}.
`;

/** ~3 MB of request lines (several 1 MB batches), with malformed, blank and CRLF lines among them. */
function requests(n: number): string {
  const rand = prng(5);
  const users = ["adm1", "bob", "carol", "c7"];
  const topics = ["devices/c1/up/t", "devices/c7/cmd", "public/x", "$SYS/brokers", "devices/c7/up/a/b", "other"];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.002) out.push("{not json");
    else if (r < 0.004) out.push("");
    else if (r < 0.005) out.push(`{"action":"publish","topic":"t/+"}\r`);
    else if (r < 0.006) out.push(`{"action":"push","topic":"t"}`);
    else {
      const u = users[Math.floor(rand() * users.length)];
      out.push(
        JSON.stringify({
          username: u,
          clientid: rand() < 0.5 ? "c1" : "c7",
          peerhost: `10.${rand() < 0.3 ? 1 : 2}.0.${Math.floor(rand() * 255)}`,
          action: rand() < 0.5 ? "publish" : "subscribe",
          topic: topics[Math.floor(rand() * topics.length)],
          qos: Math.floor(rand() * 3),
          retain: rand() < 0.2,
        }),
      );
    }
  }
  return `${out.join("\n")}\n`;
}

const acl = join(dir, "acl.conf");
const reqs = join(dir, "requests.jsonl");
let text = "";

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
  writeFileSync(acl, ACL);
  text = requests(30_000);
  writeFileSync(reqs, text);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("emqx-acl check --jobs (built CLI)", () => {
  it("writes what one thread writes, from a file of several batches", () => {
    expect(text.length).toBeGreaterThan(2 << 20);
    const one = run(["check", "--engine", "v5", "--jobs", "1", acl, reqs]);
    expect(one.status).toBe(1); // some lines are malformed
    expect(one.stdout.split("\n").filter(Boolean)).toHaveLength(text.split("\n").filter((l) => l.trim()).length);
    expect(one.stderr).toMatch(/requests\.jsonl:\d+: malformed request/);
    for (const jobs of ["2", "3"]) {
      const many = run(["check", "--engine", "v5", "--jobs", jobs, acl, reqs]);
      expect(many.status).toBe(one.status);
      expect(many.stderr).toBe(one.stderr);
      expect(many.stdout).toBe(one.stdout);
    }
  });

  it("writes what one thread writes, from stdin (many small batches)", () => {
    const part = text.slice(0, 400_000);
    const one = run(["check", "--engine", "v5", acl, "-"], part);
    const many = run(["check", "--engine", "v5", "--jobs", "2", acl, "-"], part);
    expect(many.status).toBe(one.status);
    expect(many.stderr).toBe(one.stderr);
    expect(many.stdout).toBe(one.stdout);
    expect(many.stdout.length).toBeGreaterThan(0);
  });

  it("gives the one load_error line for a file EMQX refuses, workers or not", () => {
    const refused = conformanceCases("v5").find((c) => c.includes("fail-pubsub-action"))!;
    const r = run(["check", "--engine", "v5", "--jobs", "2", join(refused, "acl.conf"), reqs]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toHaveProperty("load_error");
    expect(r.stderr).toMatch(/EMQX v5 refuses this file/);
  });

  it("refuses a --jobs that is not a number of threads, and --jobs with --config", () => {
    for (const bad of ["0", "x", "1.5", "65"]) {
      const r = run(["check", "--engine", "v5", "--jobs", bad, acl, reqs]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--jobs.*expected a number of threads from 1 to 64/);
      expect(r.stdout).toBe("");
    }
    const conf = join(dir, "emqx.conf");
    writeFileSync(conf, `authorization { no_match = allow, sources = [] }\n`);
    const r = run(["check", "--config", conf, "--jobs", "2", reqs]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--jobs applies to check --engine/);
  });
});
