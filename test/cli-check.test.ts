/**
 * End to end: the built CLI's `check` reproduces conformance answers byte for byte (files
 * and stdin), prints the one load_error line for refused files, flags malformed request
 * lines with exit 1; `explain` prints the deciding rule.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { conformanceCases, freshConformanceCases, repoRoot } from "./support/shared";

const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, cwd: repoRoot });
}

const norm = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.stringify(JSON.parse(l)));

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

describe("emqx-acl check (built CLI)", () => {
  for (const dialect of ["v4", "v5", "v6"] as const) {
    const cases = conformanceCases(dialect);
    const picked = [cases[0], cases.find((c) => c.includes("placeholder"))!, cases.find((c) => c.includes("rand-01"))!];
    for (const dir of picked) {
      it(`${dialect}/${basename(dir)} matches expected.jsonl`, () => {
        const r = run(["check", "--engine", dialect, join(dir, "acl.conf"), join(dir, "requests.jsonl")]);
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        expect(r.stdout.split("\n").filter(Boolean)).toEqual(norm(readFileSync(join(dir, "expected.jsonl"), "utf8")));
      });
    }
  }

  // the fresh cases (nested prefixes, address forms, placeholder corners, regexes): EMQX's
  // answer line for line, so never `unknown`
  for (const dialect of ["v4", "v5", "v6"] as const) {
    for (const dir of freshConformanceCases(dialect)) {
      it(`fresh ${dialect}/${basename(dir)} matches expected.jsonl`, () => {
        const r = run(["check", "--engine", dialect, join(dir, "acl.conf"), join(dir, "requests.jsonl")]);
        expect(r.stderr).toBe("");
        expect(r.stdout).not.toContain("unknown");
        expect(r.stdout.split("\n").filter(Boolean)).toEqual(norm(readFileSync(join(dir, "expected.jsonl"), "utf8")));
      });
    }
  }

  it("reads requests from stdin and keeps going after a malformed line", () => {
    const dir = conformanceCases("v5")[0];
    const reqs = readFileSync(join(dir, "requests.jsonl"), "utf8").split("\n").filter(Boolean);
    const input = [reqs[0], "{not json", reqs[1]].join("\n");
    const r = run(["check", "--engine", "v5", join(dir, "acl.conf"), "-"], input);
    expect(r.status).toBe(1);
    const lines = r.stdout.split("\n").filter(Boolean);
    const expected = norm(readFileSync(join(dir, "expected.jsonl"), "utf8"));
    expect(lines[0]).toBe(expected[0]);
    expect(JSON.parse(lines[1]).error).toMatch(/^line 2: not valid JSON/);
    expect(lines[2]).toBe(expected[1]);
    expect(r.stderr).toMatch(/<stdin>:2: malformed request/);
  });

  it("prints the single load_error line for a file EMQX refuses", () => {
    const dir = conformanceCases("v5").find((c) => c.includes("fail-pubsub-action"))!;
    const r = run(["check", "--engine", "v5", join(dir, "acl.conf"), join(dir, "requests.jsonl")]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ term: 1 });
    expect(r.stderr).toMatch(/acl\.conf:\d+:\d+: EMQX v5 refuses this file/);
  });

  it("exits 2 with one line for usage and I/O errors", () => {
    const r = run(["check", "--engine", "v5", "/nonexistent/acl.conf", "-"], "");
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(run(["check", "nofile", "-"]).status).toBe(2);
  });

  it("explain names the deciding rule", () => {
    const dir = conformanceCases("v5")[0];
    const r = run([
      "explain",
      join(dir, "acl.conf"),
      "--engine",
      "v5",
      "--username",
      "nobody",
      "--clientid",
      "c1",
      "--peerhost",
      "10.9.9.9",
      "--subscribe",
      "$SYS/brokers",
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^decision: (allow|deny|nomatch)/);
  });
});
