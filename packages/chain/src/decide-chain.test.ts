import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chainDecisionToWire, decideChain } from "./decide-chain";
import { loadChain, type LoadChainOptions } from "./load-chain";
import { fileTree, mysqlSeed, req } from "./chain.test-support";

const ACL = `{allow, {username, "admin"}, all, ["#"]}.\n{deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.\n`;
const SEED = mysqlSeed([
  ["sensor1", null, "allow", "publish", "sensors/sensor1/#"],
  ["sensor1", null, "deny", "all", "sensors/#"],
]);

function v5Chain(noMatch: string, options: Partial<LoadChainOptions> = {}) {
  const conf = `authorization {\n  ${noMatch}\n  sources = [\n    {type = file, path = "acl.conf"}\n    {type = http, url = "http://127.0.0.1:1/authz", method = post}\n    {type = mysql, query = "SELECT 1"}\n  ]\n}\n`;
  const dir = fileTree({ "emqx.conf": conf, "acl.conf": ACL, "seed.sql": SEED });
  const path = join(dir, "emqx.conf");
  return loadChain(path, readFileSync(path, "utf8"), {
    emqx: "v5",
    sourceRules: [{ type: "mysql", path: join(dir, "seed.sql") }],
    env: {},
    ...options,
  });
}

describe("decideChain (EMQX 5)", () => {
  const chain = v5Chain("no_match = deny");

  it("the first source that matches decides, with its rule", () => {
    expect(decideChain(chain, req({ username: "admin", topic: "x" }))).toEqual({
      decision: "allow",
      stage: { source: 1, type: "file", rule: 1 },
    });
    expect(decideChain(chain, req({ username: "bob", action: "subscribe", topic: "$SYS/brokers" }))).toEqual({
      decision: "deny",
      stage: { source: 1, type: "file", rule: 2 },
    });
  });

  it("falls through the file source and the unmodelled http source to the mysql rows", () => {
    expect(decideChain(chain, req({ username: "sensor1", topic: "sensors/sensor1/t" })).stage).toEqual({
      source: 3,
      type: "mysql",
      rule: 1,
    });
    expect(decideChain(chain, req({ username: "sensor1", topic: "sensors/other/t" }))).toEqual({
      decision: "deny",
      stage: { source: 3, type: "mysql", rule: 2 },
    });
  });

  it("uses no_match when no source answers", () => {
    expect(decideChain(chain, req({ username: "bob", topic: "foo" }))).toEqual({ decision: "deny", stage: "no_match" });
    expect(decideChain(v5Chain(""), req({ username: "bob", topic: "foo" }))).toEqual({
      decision: "allow",
      stage: "no_match",
    });
    expect(decideChain(v5Chain("", { emqx: "v6" }), req({ username: "bob", topic: "foo" }))).toEqual({
      decision: "deny",
      stage: "no_match",
    });
  });

  it("a superuser skips the chain, but not the $delayed refusal", () => {
    expect(
      decideChain(chain, req({ username: "bob", action: "subscribe", topic: "$SYS/x", is_superuser: true })),
    ).toEqual({ decision: "allow", stage: "superuser" });
    expect(decideChain(chain, req({ username: "admin", topic: "$delayed/x", is_superuser: true }))).toMatchObject({
      decision: "deny",
      stage: "refused",
    });
  });

  it("skips a disabled source", () => {
    const dir = fileTree({
      "emqx.conf": `authorization.sources = [{type = file, enable = false, path = "acl.conf"}]\nauthorization.no_match = deny\n`,
      "acl.conf": ACL,
    });
    const c = loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), { emqx: "v5", env: {} });
    expect(decideChain(c, req({ username: "admin", topic: "x" }))).toEqual({ decision: "deny", stage: "no_match" });
  });

  it("writes the check --config line", () => {
    expect(chainDecisionToWire({ decision: "allow", stage: { source: 2, type: "mysql", rule: 3 } })).toBe(
      '{"decision":"allow","stage":{"source":2,"type":"mysql","rule":3}}',
    );
    expect(chainDecisionToWire({ decision: "deny", stage: "no_match" })).toBe('{"decision":"deny","stage":"no_match"}');
  });
});

describe("decideChain (EMQX 4)", () => {
  const ACL4 = `{allow, {user, "sensor1"}, publish, ["sensors/#"]}.\n`;
  const SEED4 =
    "CREATE TABLE mqtt_acl (id int, allow int, ipaddr varchar(60), username varchar(100), clientid varchar(100), access int, topic varchar(100));\nINSERT INTO mqtt_acl (id, allow, ipaddr, username, clientid, access, topic) VALUES (1, 0, NULL, 'sensor1', NULL, 2, 'sensors/secret');\n";
  function v4Chain(extra: string) {
    const dir = fileTree({
      "emqx.conf": `acl_nomatch = allow\nacl_file = acl.conf\n${extra}`,
      "acl.conf": ACL4,
      "seed.sql": SEED4,
    });
    return loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), {
      emqx: "auto",
      sourceRules: [{ type: "mysql", path: join(dir, "seed.sql") }],
      env: {},
    });
  }

  it("plugins run before the acl.conf module by default, and their match ends the chain", () => {
    const c = v4Chain("");
    expect(c.stages.map((s) => s.source.type)).toEqual(["mysql", "file"]);
    expect(decideChain(c, req({ username: "sensor1", topic: "sensors/secret" }))).toEqual({
      decision: "deny",
      stage: { source: 1, type: "mysql", rule: 1 },
    });
    expect(decideChain(c, req({ username: "sensor1", topic: "sensors/t" }))).toEqual({
      decision: "allow",
      stage: { source: 2, type: "file", rule: 1 },
    });
  });

  it("with acl_order = file,mysql the file's match only sets the result: a later plugin overrides it", () => {
    const c = v4Chain("acl_order = file,mysql\n");
    expect(c.stages.map((s) => s.source.type)).toEqual(["file", "mysql"]);
    expect(decideChain(c, req({ username: "sensor1", topic: "sensors/secret" }))).toEqual({
      decision: "deny",
      stage: { source: 2, type: "mysql", rule: 1 },
    });
    // mysql answers nothing here: the file's allow stands
    expect(decideChain(c, req({ username: "sensor1", topic: "sensors/t" }))).toEqual({
      decision: "allow",
      stage: { source: 1, type: "file", rule: 1 },
    });
  });

  it("the MySQL plugin answers nothing for a username starting with '$'; the acl.conf module still does", () => {
    const c = v4Chain("");
    expect(decideChain(c, req({ username: "$sensor1", topic: "sensors/secret" }))).toEqual({
      decision: "allow",
      stage: "no_match",
    });
    const dollar = v4Chain("").stages[0].source;
    expect([dollar.type, dollar.skipsDollarUsername]).toEqual(["mysql", true]);
    expect(c.stages[1].source.skipsDollarUsername).toBeUndefined();
  });

  it("a zone's acl_nomatch wins over the global one", () => {
    const c = v4Chain("zone.external.acl_nomatch = deny\n");
    expect(decideChain(c, req({ username: "u", topic: "x", zone: "external" }))).toEqual({
      decision: "deny",
      stage: "no_match",
    });
    expect(decideChain(c, req({ username: "u", topic: "x" }))).toEqual({ decision: "allow", stage: "no_match" });
  });
});
