/**
 * End to end through the built CLI: a source's `precondition` (EMQX master) decides
 * whether the source is consulted, `check --config` and `explain --config` alike.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const dir = mkdtempSync(join(tmpdir(), "cli-precondition-"));
writeFileSync(
  join(dir, "emqx.conf"),
  [
    "authorization {",
    "  no_match = deny",
    "  sources = [",
    '    {type = file, path = "a.conf", precondition = "str_eq(client_attrs.tns, \'t1\')"}',
    '    {type = redis, cmd = "HGETALL mqtt_acl:${username}", precondition = "str_eq(peerhost, \'10.0.0.1\')"}',
    "  ]",
    "}",
    "",
  ].join("\n"),
);
writeFileSync(join(dir, "a.conf"), '{allow, all, publish, ["t1/#"]}.\n');

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

describe("source preconditions", () => {
  it("check --config: the source is consulted only when its precondition is true", () => {
    const line = (tns: string) =>
      JSON.stringify({ username: "u", action: "publish", topic: "t1/x", client_attrs: { tns } });
    const r = runBuiltCli(["check", "--config", "emqx.conf", "--emqx", "6", "-"], {
      cwd: dir,
      input: `${line("t1")}\n${line("t2")}\n`,
    });
    expect(r.stdout.split("\n")).toEqual([
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
      '{"decision":"deny","stage":"no_match"}',
      "",
    ]);
  });

  it("explain --config says which source was skipped and why", () => {
    const r = runBuiltCli(
      [
        "explain",
        "--config",
        "emqx.conf",
        "--emqx",
        "6",
        "--username",
        "u",
        "--publish",
        "t1/x",
        "--client-attr",
        "tns=t2",
      ],
      { cwd: dir },
    );
    expect(r.stdout).toContain(
      "skipped — its precondition `str_eq(client_attrs.tns, 't1')` is false for this client (it renders 'false'): EMQX skips the source",
    );
  });
});
