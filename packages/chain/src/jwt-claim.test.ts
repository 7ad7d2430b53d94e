/**
 * A JWT login's ACL comes from the claim the JWT authenticator names (`acl_claim_name`,
 * default `acl`), its expiry from `exp`; a request's `acl` field keeps meaning what it did.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WireError } from "@emqx-acl/core";
import { chainDecisionToWire, decideChain } from "./decide-chain";
import { explainChain } from "./explain-chain";
import { loadChain } from "./load-chain";
import { fileTree, req } from "./chain.test-support";

function chain(emqx: "v4" | "v5" | "v6", conf: string) {
  const dir = fileTree({ "emqx.conf": conf, "acl.conf": `{allow, all, publish, ["file/#"]}.\n` });
  return loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), { emqx, env: {} });
}
const AUTHZ = `authorization {\n  no_match = deny\n  sources = [{type = file, path = "acl.conf"}]\n}\n`;
const jwtAuthn = (extra: string) =>
  `authentication = [\n  {mechanism = password_based, backend = built_in_database}\n  {mechanism = jwt, use_jwks = false, algorithm = "hmac-based", secret = "s"${extra}}\n]\n`;
const custom = chain("v5", jwtAuthn(", acl_claim_name = permissions") + AUTHZ);
const plain = chain("v5", AUTHZ);

const RULES = [{ permission: "allow", action: "publish", topic: "up/${username}" }];
const DENY_ALL = [{ permission: "deny", action: "all", topic: "#" }];
const wire = (c: typeof plain, fields: Record<string, unknown>) =>
  chainDecisionToWire(decideChain(c, req({ username: "u", ...fields })));

describe("the JWT ACL claim name", () => {
  it("is read from the JWT authenticator, EMQX's default when absent", () => {
    expect(custom.config.jwtAclClaims.map((c) => c.value)).toEqual(["permissions"]);
    expect(custom.config.jwtAclClaims[0].loc).toBeDefined();
    expect(chain("v5", jwtAuthn("") + AUTHZ).config.jwtAclClaims).toEqual([{ value: "acl" }]);
    expect(plain.config.jwtAclClaims).toEqual([]);
    // a disabled authenticator gives no claim name; a single object counts as a list of one
    expect(chain("v5", jwtAuthn(", enable = false, acl_claim_name = x") + AUTHZ).config.jwtAclClaims).toEqual([]);
    expect(
      chain("v5", `authentication {mechanism = jwt, acl_claim_name = p}\n` + AUTHZ).config.jwtAclClaims.map(
        (c) => c.value,
      ),
    ).toEqual(["p"]);
  });

  it("EMQX 4: auth.jwt.acl_claim_name", () => {
    const v4 = chain("v4", "acl_nomatch = deny\nauth.jwt.acl_claim_name = perms\n");
    expect(v4.config.jwtAclClaims.map((c) => c.value)).toEqual(["perms"]);
  });

  it("a JWT login's rules come from the named claim; the `acl` claim is then not an ACL", () => {
    expect(wire(custom, { topic: "up/u", jwt_claims: { permissions: RULES } })).toBe(
      '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
    );
    // EMQX reads only the named claim: an `acl` claim is just another claim
    expect(wire(custom, { topic: "up/u", jwt_claims: { acl: DENY_ALL } })).toBe(
      '{"decision":"deny","stage":"no_match"}',
    );
    expect(wire(plain, { topic: "up/u", jwt_claims: { acl: RULES } })).toBe(
      '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
    );
    expect(wire(plain, { topic: "up/u", jwt_claims: { permissions: RULES } })).toBe(
      '{"decision":"deny","stage":"no_match"}',
    );
  });

  it("the expiry is the exp claim (a numeric string read as a number, as EMQX does)", () => {
    const claims = (exp: unknown) => ({ permissions: RULES, exp });
    expect(wire(custom, { topic: "up/u", jwt_claims: claims(100), now: 200 })).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":null},"note":"the login ACL expired (expire 100, now 200)"}',
    );
    expect(wire(custom, { topic: "up/u", jwt_claims: claims("300"), now: 200 })).toBe(
      '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
    );
    expect(() => wire(custom, { topic: "up/u", jwt_claims: claims("soon"), now: 200 })).toThrow(WireError);
  });

  it("a request's `acl` behaves as before, whatever the claim name", () => {
    expect(wire(custom, { topic: "up/u", acl: RULES })).toBe(
      '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
    );
  });

  it("refuses what is ambiguous or not modelled", () => {
    expect(() => req({ topic: "t", acl: RULES, jwt_claims: { acl: RULES } })).toThrow(/not both/);
    expect(() => req({ topic: "t", acl_expire: 1, jwt_claims: {} })).toThrow(/exp/);
    expect(() => wire(custom, { topic: "t", jwt_claims: { permissions: "x" } })).toThrow(/neither/);
    const two = chain("v5", `authentication = [{mechanism = jwt, acl_claim_name = a}, {mechanism = jwt}]\n` + AUTHZ);
    expect(() => wire(two, { topic: "t", jwt_claims: { a: RULES } })).toThrow(/different ACL claims/);
    const v4 = chain("v4", "acl_nomatch = deny\n");
    expect(() => wire(v4, { topic: "t", jwt_claims: { acl: RULES } })).toThrow(/EMQX 5\/6/);
  });

  it("explain names where the ACL came from", () => {
    const e = explainChain(custom, req({ username: "u", topic: "up/u", jwt_claims: { permissions: RULES } }));
    expect(e.login?.from).toBe("the JWT claim `permissions` (authentication.jwt.acl_claim_name)");
    const d = explainChain(plain, req({ username: "u", topic: "up/u", jwt_claims: { acl: RULES } }));
    expect(d.login?.from).toBe("the JWT claim `acl` (EMQX's default authentication.jwt.acl_claim_name)");
    expect(explainChain(custom, req({ username: "u", topic: "up/u", acl: RULES })).login?.from).toBe(
      `the request's "acl" field`,
    );
  });
});
