/**
 * Issue 16: a regex that backtracks catastrophically (`^(a|aa)*b$`) and a long username
 * no longer stall `check` and `explain` (a backtracking RegExp took 11 s at 41 bytes and
 * doubled per byte): the answer is EMQX's (PCRE gives up at its match limit: nomatch),
 * and lint warns about the pattern.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";

const ACL = '{allow, {username, {re, "^(a|aa)*b$"}}, publish, ["t"]}.\n{deny, all}.\n';
const request = (username: string) => ({
  username,
  clientid: "c",
  peerhost: "10.0.0.1",
  action: "publish",
  topic: "t",
  qos: 0,
  retain: false,
});

describe("check on a catastrophically backtracking regex", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "emqx-acl-redos-"));
    writeFileSync(join(work, "acl.conf"), ACL);
    const lines = [request("a".repeat(200) + "c"), request("a".repeat(200) + "b")].map((r) => JSON.stringify(r));
    writeFileSync(join(work, "requests.jsonl"), lines.join("\n") + "\n");
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("decides at once, as EMQX does", () => {
    const check = runBuiltCli(["check", "--engine", "v5", "acl.conf", "requests.jsonl"], { cwd: work });
    expect(check.code, check.stderr).toBe(0);
    expect(
      check.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { decision: "deny", rule: 2 },
      { decision: "allow", rule: 1 },
    ]);
  });

  it("explain says why rule 1 does not match, at once", () => {
    const explain = runBuiltCli(
      [
        "explain",
        "--engine",
        "v5",
        "--username",
        "a".repeat(200) + "c",
        "--clientid",
        "c",
        "--publish",
        "t",
        "acl.conf",
      ],
      { cwd: work },
    );
    expect(explain.code, explain.stderr).toBe(0);
    expect(explain.stdout).toMatch(/deny/);
    expect(explain.stdout).toMatch(/rule 2/);
  });

  it("lint flags the pattern", () => {
    const lint = runBuiltCli(["lint", "--dialect", "v5", "--format", "json", "acl.conf"], { cwd: work });
    const ids = JSON.parse(lint.stdout).files[0].diagnostics.map((d: { id: string }) => d.id);
    expect(ids).toContain("regex-redos");
  });
});
