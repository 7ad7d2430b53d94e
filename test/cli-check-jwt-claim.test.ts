/**
 * End to end through the built CLI: a JWT login's ACL read from the claim the JWT
 * authenticator names (`acl_claim_name`), with `check --config` and `explain --config
 * --jwt-claims`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const dir = mkdtempSync(join(tmpdir(), "cli-jwt-claim-"));
writeFileSync(
  join(dir, "emqx.conf"),
  [
    'authentication = [{mechanism = jwt, use_jwks = false, algorithm = "hmac-based", secret = "s", acl_claim_name = permissions}]',
    'authorization {\n  no_match = deny\n  sources = [{type = file, path = "acl.conf"}]\n}',
    "",
  ].join("\n"),
);
writeFileSync(join(dir, "acl.conf"), '{allow, all, publish, ["file/#"]}.\n');

const RULES = [{ permission: "allow", action: "publish", topic: "up/${username}" }];
const line = (fields: Record<string, unknown>) => JSON.stringify({ username: "u", action: "publish", ...fields });

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

describe("a JWT login's ACL claim", () => {
  it("check --config: rules from the named claim, not from an `acl` claim; `acl` lines as before", () => {
    const input = [
      line({ topic: "up/u", jwt_claims: { permissions: RULES } }),
      line({ topic: "up/u", jwt_claims: { acl: RULES } }),
      line({ topic: "up/u", jwt_claims: { permissions: RULES, exp: 100 }, now: 200 }),
      line({ topic: "up/u", acl: RULES }),
      "",
    ].join("\n");
    const r = runBuiltCli(["check", "--config", "emqx.conf", "-"], { cwd: dir, input });
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")).toEqual([
      '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
      '{"decision":"deny","stage":"no_match"}',
      '{"decision":"deny","stage":{"type":"client_info","rule":null},"note":"the login ACL expired (expire 100, now 200)"}',
      '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
      "",
    ]);
    const fileOnly = runBuiltCli(["check", "--emqx", "5", "acl.conf", "-"], {
      cwd: dir,
      input: `${line({ topic: "t", jwt_claims: {} })}\n`,
    });
    expect([fileOnly.code, fileOnly.stderr]).toEqual([1, expect.stringContaining('"jwt_claims" is decided by')]);
  });

  it("explain --config --jwt-claims names the claim", () => {
    const args = ["explain", "--config", "emqx.conf", "--username", "u", "--publish", "up/u"];
    const r = runBuiltCli([...args, "--jwt-claims", JSON.stringify({ permissions: RULES })], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").slice(0, 3)).toEqual([
      "decision: allow — login ACL (JWT/HTTP acl) rule 1 decided",
      "  ACL from the JWT claim `permissions` (authentication.jwt.acl_claim_name)",
      '  read as the acl.conf rule: {allow, all, publish, ["up/${username}"]}',
    ]);
    const both = runBuiltCli([...args, "--jwt-claims", "{}", "--acl", "[]"], { cwd: dir });
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining("not both")]);
  });
});
