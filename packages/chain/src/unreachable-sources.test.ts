import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadChain } from "./load-chain";
import { unreachableSources } from "./unreachable-sources";
import { fileTree, mysqlSeed } from "./chain.test-support";

function findings(conf: string, acl: string, emqx: "v4" | "v5" | "auto" = "v5", more: Record<string, string> = {}) {
  const dir = fileTree({
    "emqx.conf": conf,
    "acl.conf": acl,
    "seed.sql": mysqlSeed([[null, null, "allow", "all", "#"]]),
    ...more,
  });
  const chain = loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), { emqx, env: {} });
  return unreachableSources(chain).map((f) => [f.id, f.source ?? null, f.by.source, f.by.rule]);
}

const V5 = `authorization {\n  no_match = deny\n  sources = [{type = file, path = "acl.conf"}, {type = http, url = "http://x"}, {type = mysql, enable = false}, {type = redis}]\n}\n`;

describe("unreachableSources", () => {
  it("a file source ending in {deny, all} leaves every later enabled source unconsulted and no_match unused", () => {
    expect(findings(V5, `{allow, {username, "a"}, all, ["#"]}.\n{deny, all}.\n`)).toEqual([
      ["source-unreachable", 2, 1, 2],
      ["source-unreachable", 4, 1, 2],
      ["no-match-unused", null, 1, 2],
    ]);
  });

  it('nothing when the file source can answer nothing: {deny, all, all, ["#"]} misses $-topics in EMQX 5.8.9', () => {
    expect(findings(V5, `{deny, all, all, ["#"]}.\n`)).toEqual([]);
  });

  it("EMQX 4: the acl.conf module's catch-all only makes acl_nomatch unused, even when it runs first", () => {
    const plugins = { "data/loaded_plugins": "{emqx_auth_http, true}.\n" };
    expect(
      findings("acl_nomatch = deny\nacl_file = acl.conf\nacl_order = file\n", `{allow, all}.\n`, "auto", plugins),
    ).toEqual([["no-match-unused", null, 1, 1]]);
  });

  it("a database source's catch-all row ends the chain for every request too", () => {
    const dir = fileTree({
      "emqx.conf": `authorization.sources = [{type = mysql}, {type = file, path = "acl.conf"}]\n`,
      "acl.conf": "{deny, all}.\n",
      "seed.sql": mysqlSeed([[null, null, "allow", "all", "#"]]),
    });
    const chain = loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), {
      emqx: "v6",
      env: {},
      sourceRules: [{ type: "mysql", path: join(dir, "seed.sql") }],
    });
    // a row's `#` is no catch-all (it misses $-topics): the file source stays reachable
    expect(unreachableSources(chain).map((f) => f.id)).toEqual(["no-match-unused"]);
  });
});
