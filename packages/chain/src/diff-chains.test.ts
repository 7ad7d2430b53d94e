import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decideChain } from "./decide-chain";
import { diffChains, stageText, takesEffect } from "./diff-chains";
import { loadChain } from "./load-chain";
import { fileTree, mysqlSeed } from "./chain.test-support";

const ACL = `{allow, {username, "admin"}, all, ["#"]}.\n{allow, all, publish, ["sensors/#"]}.\n`;
const SEED = mysqlSeed([["sensor1", null, "deny", "publish", "sensors/#"]]);
const FILE = `{type = file, path = "acl.conf"}`;
const MYSQL = `{type = mysql, query = "SELECT 1"}`;

function chain(body: string, emqx: "v5" | "v6" = "v5") {
  const dir = fileTree({ "emqx.conf": `authorization {\n${body}\n}\n`, "acl.conf": ACL, "seed.sql": SEED });
  const path = join(dir, "emqx.conf");
  return loadChain(path, readFileSync(path, "utf8"), {
    emqx,
    sourceRules: [{ type: "mysql", path: join(dir, "seed.sql") }],
    env: {},
    unusedRulesOk: true,
  });
}

/** Each class as `old → new` text, with its witness confirmed on both chains. */
function classes(a: ReturnType<typeof chain>, b: ReturnType<typeof chain>, which: "newlyAllowed" | "newlyDenied") {
  return diffChains(a, b)[which].map((c) => {
    expect(decideChain(a, c.witness)).toEqual(c.from);
    expect(decideChain(b, c.witness)).toEqual(c.to);
    return `${c.from.decision} ${stageText(c.from.stage)} → ${c.to.decision} ${stageText(c.to.stage)}`;
  });
}

describe("diffChains", () => {
  it("moving the mysql source before the file source newly denies what its rows deny", () => {
    const a = chain(`sources = [${FILE}, ${MYSQL}]`);
    const b = chain(`sources = [${MYSQL}, ${FILE}]`);
    expect(classes(a, b, "newlyDenied")).toEqual(["allow source 1 (file) rule 2 → deny source 1 (mysql) rule 1"]);
    expect(classes(a, b, "newlyAllowed")).toEqual([]);
    expect(classes(b, a, "newlyAllowed")).toEqual(["deny source 1 (mysql) rule 1 → allow source 1 (file) rule 2"]);
  });

  it("no_match allow → deny newly denies what no source answers", () => {
    const a = chain(`no_match = allow\nsources = [${FILE}]`);
    const b = chain(`no_match = deny\nsources = [${FILE}]`);
    const d = diffChains(a, b);
    expect(classes(a, b, "newlyDenied")).toEqual(["allow no_match → deny no_match"]);
    expect(d.newlyDenied[0].witness.username).not.toBe("admin");
    expect(d.sampled).toBeGreaterThan(2);
  });

  it("upgrading 5 → 6 with no_match unset: the default turns from allow to deny", () => {
    const body = `sources = [${FILE}]`;
    expect(classes(chain(body, "v5"), chain(body, "v6"), "newlyDenied")).toEqual(["allow no_match → deny no_match"]);
  });

  it("identical chains differ nowhere", () => {
    const body = `sources = [${FILE}, ${MYSQL}]`;
    const d = diffChains(chain(body), chain(body));
    expect([d.newlyAllowed, d.newlyDenied, d.unknown]).toEqual([[], [], []]);
  });

  it("says when a change takes effect: publish at once, subscriptions only when clients resubscribe", () => {
    const a = chain(`no_match = allow\ncache { ttl = 5m }\nsources = [${FILE}]`);
    const b = chain(`no_match = deny\ncache { ttl = 5m }\nsources = [${FILE}]`);
    const d = diffChains(a, b).newlyDenied[0];
    const sub = { ...d, witness: { ...d.witness, action: "subscribe" as const } };
    const pub = { ...d, witness: { ...d.witness, action: "publish" as const } };
    expect(takesEffect(pub, b)).toMatch(/^every PUBLISH after the change is applied .*cache ttl 5m/);
    expect(takesEffect(sub, b)).toMatch(/clients already subscribed keep receiving until they subscribe again/);
  });
});

describe("diffChains when a source's rules change", () => {
  it("the file source pointing at another acl.conf: the per-source semantic diff's witnesses find the class", () => {
    const dir = fileTree({
      "old.conf": `authorization {\n  no_match = deny\n  sources = [{type = file, path = "old.acl"}]\n}\n`,
      "new.conf": `authorization {\n  no_match = deny\n  sources = [{type = file, path = "new.acl"}]\n}\n`,
      "old.acl": `{allow, {username, "u1"}, publish, ["a/+"]}.\n`,
      "new.acl": `{allow, {username, "u1"}, publish, ["a/#"]}.\n`,
    });
    const load = (name: string) =>
      loadChain(join(dir, name), readFileSync(join(dir, name), "utf8"), { emqx: "v5", env: {} });
    const [a, b] = [load("old.conf"), load("new.conf")];
    const d = diffChains(a, b);
    expect(d.newlyAllowed.map((c) => `${stageText(c.from.stage)} → ${stageText(c.to.stage)}`)).toEqual([
      "no_match → source 1 (file) rule 1",
    ]);
    const w = d.newlyAllowed[0].witness;
    expect(decideChain(a, w).decision).toBe("deny");
    expect(decideChain(b, w).decision).toBe("allow");
    expect(diffChains(b, a).newlyDenied).toHaveLength(1);
  });
});

describe("diffChains on EMQX 4", () => {
  it("acl_nomatch allow → deny; the change reaches clients after a restart, a cached decision may last acl_cache_ttl", () => {
    const dir = fileTree({
      "old.conf": "acl_nomatch = allow\nacl_file = acl.conf\nacl_cache_ttl = 2m\n",
      "new.conf": "acl_nomatch = deny\nacl_file = acl.conf\nacl_cache_ttl = 2m\n",
      "acl.conf": `{allow, {user, "admin"}, pubsub, ["#"]}.\n`,
    });
    const load = (name: string) =>
      loadChain(join(dir, name), readFileSync(join(dir, name), "utf8"), { emqx: "v4", env: {} });
    const [a, b] = [load("old.conf"), load("new.conf")];
    const d = diffChains(a, b);
    expect(d.newlyDenied.map((c) => `${stageText(c.from.stage)} → ${stageText(c.to.stage)}`)).toEqual([
      "no_match → no_match",
    ]);
    expect(takesEffect(d.newlyDenied[0], b)).toMatch(
      /after a restart; on a running node a cached decision may last up to the cache ttl \(2m\)/,
    );
  });
});
