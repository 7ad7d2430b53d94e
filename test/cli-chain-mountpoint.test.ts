/**
 * End to end: listener mountpoints through the built CLI on examples/chain-mountpoint.
 * EMQX 6 (master) with `authorization.include_mountpoint = true` decides the mounted topic;
 * EMQX 5.8 and 4.4 decide the topic as sent, and `explain` says which (facts:
 * packages/chain/README.md).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const ex = join(repoRoot, "examples", "chain-mountpoint");

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

describe("check --config with a listener mountpoint (built CLI)", () => {
  it("EMQX 6: decides examples/chain-mountpoint as expected.jsonl says (the mounted topics)", () => {
    const r = runBuiltCli(["check", "--emqx", "6", "--config", "emqx.conf", "requests.jsonl"], { cwd: ex });
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toBe(readFileSync(join(ex, "expected.jsonl"), "utf8"));
  });

  it("EMQX 5.8: the same requests are decided as sent, and include_mountpoint is a warning", () => {
    const r = runBuiltCli(["check", "--emqx", "5", "--config", "emqx.conf", "requests.jsonl"], { cwd: ex });
    expect(r.stdout.trim().split("\n").slice(0, 3)).toEqual(
      Array(3).fill('{"decision":"deny","stage":{"source":1,"type":"file","rule":3}}'),
    );
    expect(r.stderr).toBe(
      "warning: emqx.conf:14:24: authorization.include_mountpoint is not a setting of EMQX 5.8 (EMQX 6.1.0 added it): EMQX 5.8 authorizes the topic before mounting it\n",
    );
  });
});

describe("explain --config with a listener mountpoint (built CLI)", () => {
  it("EMQX 6: names the topic authorized after the mountpoint; the backend's listener has none", () => {
    const args = ["explain", "--emqx", "6", "--config", "emqx.conf"];
    const r = runBuiltCli([...args, "--username", "alice", "--subscribe", "$share/g/sensors/#"], { cwd: ex });
    expect(r.stdout).toContain("decision: allow by source 1 (file) rule 1 (acl.conf:3)");
    expect(r.stdout).toContain(
      "mountpoint: topic authorized as `tenant/alice/sensors/#` after listener tcp:default's mountpoint `tenant/${username}/` (authorization.include_mountpoint = true; listeners.tcp.default.mountpoint at emqx.conf:7:16)",
    );
    const backend = ["--username", "backend", "--listener", "tcp:internal", "--publish", "tenant/alice/cmd"];
    expect(runBuiltCli([...args, ...backend], { cwd: ex }).stdout).not.toContain("mountpoint:");
  });

  it("EMQX 6 JSON: the mountpoint, as filled, and the topic authorized", () => {
    const r = runBuiltCli(
      ["explain", "--emqx", "6", "--config", "emqx.conf", "--format", "json", "--username", "alice", "--publish", "t"],
      { cwd: ex },
    );
    expect(JSON.parse(r.stdout).mountpoint).toEqual({
      setting: "listeners.tcp.default.mountpoint",
      mountpoint: "tenant/${username}/",
      rendered: "tenant/alice/",
      applied: true,
      authorized_topic: "tenant/alice/t",
      why: "authorization.include_mountpoint = true",
    });
  });

  it("EMQX 5.8: the topic is authorized as sent; the mountpoint comes after", () => {
    const r = runBuiltCli(
      ["explain", "--emqx", "5", "--config", "emqx.conf", "--username", "alice", "--publish", "sensors/temp"],
      { cwd: ex },
    );
    expect(r.stdout).toContain("decision: deny by source 1 (file) rule 3 (acl.conf:6)");
    expect(r.stdout).toContain(
      "mountpoint: topic authorized as sent, `sensors/temp`; listener tcp:default's mountpoint `tenant/${username}/` (`tenant/alice/` here) is added only after authorization (EMQX 5.8 authorizes the topic before mounting it;",
    );
  });

  it("a mountpoint core would read again ($share/) is not modelled: check's line error, explain's usage error", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-mount-"));
    writeFileSync(
      join(dir, "emqx.conf"),
      'listeners.tcp.default.mountpoint = "$share/x/"\nauthorization.include_mountpoint = true\n',
    );
    writeFileSync(join(dir, "acl.conf"), "{allow, all}.\n");
    const args = ["--emqx", "6", "--config", "emqx.conf"];
    const check = runBuiltCli(["check", ...args, "-"], { cwd: dir, input: '{"action":"subscribe","topic":"t"}\n' });
    expect([check.code, check.stdout]).toEqual([1, expect.stringContaining("not modelled")]);
    const explain = runBuiltCli(["explain", ...args, "--subscribe", "t"], { cwd: dir });
    expect([explain.code, explain.stderr]).toEqual([
      2,
      "emqx-acl: listener tcp:default's mountpoint '$share/x/' starts with a prefix EMQX would not read again ($share/, $queue/, $delayed/): not modelled\n",
    ]);
  });

  it("EMQX 4.4: the zone's mountpoint is named, the topic authorized as sent", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-mount-"));
    writeFileSync(
      join(dir, "emqx.conf"),
      "acl_nomatch = deny\nacl_file = acl.conf\nlistener.tcp.external.zone = external\nzone.external.mountpoint = devicebound/%c/\n",
    );
    writeFileSync(join(dir, "acl.conf"), '{allow, all, publish, ["t"]}.\n');
    const r = runBuiltCli(
      ["explain", "--config", "emqx.conf", "--clientid", "d1", "--zone", "external", "--publish", "t"],
      { cwd: dir },
    );
    expect(r.stdout).toContain("decision: allow by source 1 (file) rule 1");
    expect(r.stdout).toContain(
      "mountpoint: topic authorized as sent, `t`; zone external's mountpoint `devicebound/%c/` (`devicebound/d1/` here) is added only after authorization (EMQX 4.4 authorizes the topic before mounting it; zone.external.mountpoint at emqx.conf:4:28)",
    );
  });
});
