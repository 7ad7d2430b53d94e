/**
 * End to end through the built CLI: request lines carrying the ACL a client got at login
 * (`acl`, EMQX 5/6's client_info source) with `check --config`, and `explain --config
 * --acl`; a malformed `acl` is a malformed line (exit 1), never a stack trace.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const dir = mkdtempSync(join(tmpdir(), "cli-login-acl-"));
writeFileSync(
  join(dir, "emqx.conf"),
  'authorization {\n  no_match = deny\n  sources = [{type = file, path = "acl.conf"}]\n}\n',
);
writeFileSync(join(dir, "acl.conf"), '{allow, all, publish, ["file/#"]}.\n');
writeFileSync(join(dir, "v4.conf"), "acl_nomatch = deny\nacl_file = acl.conf\n");

const ACL = [
  { permission: "allow", action: "publish", topic: "up/${username}" },
  { permission: "deny", action: "all", topic: "up/#" },
];
const line = (fields: Record<string, unknown>) => JSON.stringify({ username: "u", action: "publish", ...fields });

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

describe("check --config with a login ACL", () => {
  it("decides by the login ACL first, then the sources; other stages keep their output", () => {
    const input = [
      line({ topic: "up/u", acl: ACL }),
      line({ topic: "up/v", acl: ACL }),
      line({ topic: "file/x", acl: ACL }),
      line({ topic: "file/x", acl: { sub: ["file/#"] } }),
      line({ topic: "up/u", acl: ACL, acl_expire: 100, now: 200 }),
      line({ topic: "up/v", acl: ACL, is_superuser: true }),
      line({ topic: "file/x" }),
      "",
    ].join("\n");
    const r = runBuiltCli(["check", "--config", "emqx.conf", "-"], { cwd: dir, input });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toEqual([
      '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
      '{"decision":"deny","stage":{"type":"client_info","rule":2}}',
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
      '{"decision":"deny","stage":{"type":"client_info","rule":null},"note":"no list of the legacy login ACL matched: that format denies"}',
      '{"decision":"deny","stage":{"type":"client_info","rule":null},"note":"the login ACL expired (expire 100, now 200)"}',
      '{"decision":"allow","stage":"superuser"}',
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
      "",
    ]);
  });

  it("a malformed acl is a malformed line: a one-line error, the other lines decided, exit 1", () => {
    const input = [
      line({ topic: "up/u", acl: [{ permission: "allow", action: "publish" }] }),
      line({ topic: "up/u", acl: 7 }),
      line({ topic: "up/u", acl: ACL }),
      "",
    ].join("\n");
    const r = runBuiltCli(["check", "--config", "emqx.conf", "-"], { cwd: dir, input });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        '<stdin>:1: malformed request: "acl" rule 1: missing_topic_or_topics (EMQX refuses such a login: bad_acl_rule)',
        '<stdin>:2: malformed request: "acl" must be a JSON array of rules or a {"pub": [...], "sub": [...], "all": [...]} object, got 7',
        "",
      ].join("\n"),
    );
    expect(r.stdout.split("\n")[2]).toBe('{"decision":"allow","stage":{"type":"client_info","rule":1}}');
  });

  it("EMQX 4, and check without --config, refuse a line with acl", () => {
    const v4 = runBuiltCli(["check", "--config", "v4.conf", "-"], {
      cwd: dir,
      input: `${line({ topic: "t", acl: [] })}\n`,
    });
    expect(v4.code).toBe(1);
    expect(v4.stderr).toContain('"acl" is for EMQX 5/6');
    const plain = runBuiltCli(["check", "--emqx", "5", "acl.conf", "-"], {
      cwd: dir,
      input: `${line({ topic: "t", acl: [] })}\n`,
    });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('"acl" is decided by the authorization chain: use check --config emqx.conf');
  });
});

describe("explain --config --acl", () => {
  it("names the login ACL rule that decided", () => {
    const r = runBuiltCli(
      ["explain", "--config", "emqx.conf", "--username", "u", "--publish", "up/v", "--acl", JSON.stringify(ACL)],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 3)).toEqual([
      "decision: deny — login ACL (JWT/HTTP acl) rule 2 decided",
      '  read as the acl.conf rule: {deny, all, all, ["up/#"]}',
      '  before it, rule 1: topic — no topic of the rule matches: "up/${username}" rendered as "up/u"',
    ]);
  });

  it("--acl-expire and --now; usage errors for bad JSON and without --config", () => {
    const args = ["explain", "--config", "emqx.conf", "--publish", "up/u", "--acl", "[]"];
    const expired = runBuiltCli([...args, "--acl-expire", "5", "--now", "6", "--format", "json"], { cwd: dir });
    expect(JSON.parse(expired.stdout)).toMatchObject({
      decision: "deny",
      stage: { type: "client_info", rule: null },
      login_acl: { format: "rules", rules: 0, decides: true },
    });
    const bad = runBuiltCli(["explain", "--config", "emqx.conf", "--publish", "t", "--acl", "{"], { cwd: dir });
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("--acl: not valid JSON")]);
    // a rule EMQX refuses at login: the same message check gives for such a line, exit 2 (not an internal error)
    const refused = runBuiltCli(
      [...args.slice(0, -1), '[{"permission":"allow","action":"publish","topic":"a","qos":[7]}]'],
      {
        cwd: dir,
      },
    );
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining("invalid_qos: [7]")]);
    const noConfig = runBuiltCli(["explain", "acl.conf", "--publish", "t", "--acl", "[]"], { cwd: dir });
    expect([noConfig.code, noConfig.stderr]).toEqual([2, expect.stringContaining("--acl needs --config")]);
  });
});
