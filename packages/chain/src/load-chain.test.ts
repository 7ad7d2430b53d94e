import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadChain, ChainLoadError, type LoadChainOptions } from "./load-chain";
import { fileTree } from "./chain.test-support";

const ACL = `{allow, all}.\n`;

function load(files: Record<string, string>, options: Partial<LoadChainOptions> = {}) {
  const dir = fileTree(files);
  const sourceRules = (options.sourceRules ?? []).map((s) => ({ ...s, path: join(dir, s.path) }));
  return {
    dir,
    chain: () =>
      loadChain(join(dir, "emqx.conf"), files["emqx.conf"], { emqx: "auto", env: {}, ...options, sourceRules }),
  };
}

function loadError(files: Record<string, string>, options: Partial<LoadChainOptions> = {}): string {
  const { dir, chain } = load(files, options);
  try {
    chain();
  } catch (e) {
    expect(e).toBeInstanceOf(ChainLoadError);
    return (e as Error).message.replaceAll(dir, "D");
  }
  throw new Error("loaded");
}

describe("loadChain", () => {
  it("reads sources, settings and defaults from HOCON", () => {
    const { chain } = load({
      "emqx.conf": `authorization {\n  deny_action = disconnect\n  cache { enable = false, max_size = 64 }\n  sources = [{type = file, path = "acl.conf"}, {type = redis, cmd = "HGETALL x"}]\n}\n`,
      "acl.conf": ACL,
    });
    const c = chain();
    expect(c.config.sources.map((s) => [s.number, s.type, s.enable])).toEqual([
      [1, "file", true],
      [2, "redis", true],
    ]);
    expect(c.config.noMatch.value).toBe("allow");
    expect(c.config.noMatch.loc).toBeUndefined();
    expect(c.config.denyAction.value).toBe("disconnect");
    expect([c.config.cache.enable.value, c.config.cache.maxSize.value, c.config.cache.ttl.value]).toEqual([
      false,
      64,
      "1m",
    ]);
    expect(c.warnings.join("\n")).toMatch(
      /not modelled \(answer nothing\): source 2 \(redis\); give its rules with --source-rules/,
    );
  });

  it("expands ${EMQX_ETC_DIR} in a file source's path as EMQX does (the config's directory)", () => {
    const c = load({
      "etc/emqx.conf": "",
      "etc/acl.conf": ACL,
      "emqx.conf": `authorization.sources = [{type = file, path = "\${EMQX_ETC_DIR}/etc/acl.conf"}]\n`,
    }).chain();
    expect(c.stages[0].model?.ruleSet.rules.length).toBe(1);
    expect(c.stages[0].source.path).toMatch(/\/etc\/acl\.conf$/);
  });

  it("without authorization.sources, uses EMQX's default file source beside emqx.conf", () => {
    const c = load({ "emqx.conf": `node.name = "emqx@127.0.0.1"\n`, "acl.conf": ACL }).chain();
    expect(c.stages.map((s) => [s.source.type, s.model?.ruleSet.rules.length])).toEqual([["file", 1]]);
  });

  it("takes sources from data/configs/cluster.hocon unless emqx.conf sets them", () => {
    const cluster = `authorization.sources = [{type = mongodb, collection = c}]\nauthorization.no_match = deny\n`;
    const c = load({ "emqx.conf": `authorization.no_match = allow\n`, "data/configs/cluster.hocon": cluster }).chain();
    expect(c.config.sources.map((s) => s.type)).toEqual(["mongodb"]);
    expect(c.config.noMatch.value).toBe("allow");
  });

  it("reports what EMQX refuses with file:line:col", () => {
    const conf = `authorization {\n  no_match = maybe\n  sources = [\n    {type = file, path = "acl.conf"}\n    {type = file, path = "other.conf"}\n    {type = couchdb}\n  ]\n}\n`;
    const msg = loadError({ "emqx.conf": conf, "acl.conf": ACL, "other.conf": ACL });
    expect(msg).toContain("D/emqx.conf:2:14: authorization.no_match must be allow or deny");
    expect(msg).toContain("D/emqx.conf:5:5: a second file source");
    expect(msg).toContain("D/emqx.conf:6:13: unknown authorization source type 'couchdb'");
  });

  it("refuses inline rules in a file source of emqx.conf", () => {
    expect(loadError({ "emqx.conf": `authorization.sources = [{type = file, rules = "{allow, all}."}]\n` })).toMatch(
      /D\/emqx\.conf:1:40: inline rules belong to the REST API[^\n]*\nD\/emqx\.conf:1:26: the file source needs a path/,
    );
  });

  it("reports HOCON syntax errors with file:line:col", () => {
    expect(
      loadError({
        "emqx.conf": `authorization {\n  sources = [\n    {type = file, path = "acl.conf"\n  ]\n}\n`,
        "acl.conf": ACL,
      }),
    ).toMatch(/^D\/emqx\.conf:4:3: /);
  });

  it("refuses a configuration whose acl.conf EMQX refuses, pointing into the acl file", () => {
    const msg = loadError({
      "emqx.conf": `authorization.sources = [{type = file, path = "acl.conf"}]\n`,
      "acl.conf": `{allow, all}.\n{allow, all, pubsub, ["t"]}.\n`,
    });
    expect(msg).toMatch(/^D\/acl\.conf:2:\d+: EMQX v5 refuses this file/);
  });

  it("refuses a missing acl.conf (EMQX 5), but EMQX 4 runs without its rules", () => {
    expect(loadError({ "emqx.conf": `authorization.sources = [{type = file, path = "none.conf"}]\n` })).toMatch(
      /^D\/emqx.conf:1:\d+: cannot read the file source's D\/none.conf \(no such file\)/,
    );
    const c = load({ "emqx.conf": `acl_nomatch = deny\nacl_file = none.conf\n` }).chain();
    expect(c.stages[0].model).toBeNull();
    expect(c.warnings[0]).toMatch(/EMQX 4 loads the acl.conf module with no rules/);
  });

  it("refuses rules for a source the configuration does not have, and unreadable seeds", () => {
    const files = { "emqx.conf": `authorization.sources = [{type = file, path = "acl.conf"}]\n`, "acl.conf": ACL };
    expect(loadError(files, { sourceRules: [{ type: "redis", path: "seed.resp" }] })).toContain(
      "--source-rules redis=D/seed.resp: the configuration has no redis source",
    );
    expect(
      loadError(
        { ...files, "emqx.conf": `authorization.sources = [{type = postgresql}]\n` },
        { sourceRules: [{ type: "postgresql", path: "none.sql" }] },
      ),
    ).toContain("D/none.sql: cannot read the postgresql rules (no such file)");
  });

  it("EMQX 4 reads ACL plugins from data/loaded_plugins in load order", () => {
    const c = load({
      "emqx.conf": `acl_nomatch = deny\nacl_file = acl.conf\n`,
      "acl.conf": `{allow, all}.\n`,
      "data/loaded_plugins": `{emqx_management, true}.\n{emqx_auth_http, true}.\n{emqx_auth_redis, false}.\n{emqx_auth_mnesia, true}.\n`,
    }).chain();
    expect(c.stages.map((s) => [s.source.type, s.source.stops])).toEqual([
      ["http", true],
      ["built_in_database", true],
      ["file", false],
    ]);
  });
});

describe("loadChain reads what the configuration names within limits", () => {
  it("refuses an acl path that is a directory instead of reading it", () => {
    const msg = loadError({ "emqx.conf": `authorization.sources = [{type = file, path = "sub"}]\n`, "sub/x": "" });
    expect(msg).toMatch(/cannot read the file source's D\/sub \(a directory, not a regular file\)/);
  });
});

describe("loadChain with the node's env file", () => {
  it("EMQX_AUTHORIZATION__NO_MATCH overrides emqx.conf, and its variables fill ${VAR}", () => {
    const { dir } = load({ "emqx.conf": "", "acls/acl.conf": ACL });
    const files = {
      "emqx.conf": `authorization { no_match = allow, sources = [{type = file, path = "\${ACL_DIR}/acl.conf"}] }\n`,
      "node.env": `EMQX_AUTHORIZATION__NO_MATCH=deny\nACL_DIR=${dir}/acls\n`,
    };
    const d2 = fileTree(files);
    const c = loadChain(join(d2, "emqx.conf"), files["emqx.conf"], {
      emqx: "v5",
      env: {},
      envFile: join(d2, "node.env"),
    });
    expect(c.config.noMatch.value).toBe("deny");
    expect(c.stages[0].model?.path).toBe(`${dir}/acls/acl.conf`);
  });
});

describe("loadChain with --source-url", () => {
  const conf = `authorization {\n  sources = [\n    {type = mysql, query = "SELECT permission, action, topic FROM t WHERE u = \${username}"},\n    {type = redis, cmd = "HGET k \${topic}"}\n  ]\n}\n`;
  const mysql = { type: "mysql" as const, url: "mysql://u:pw@h/db" };

  it("prepares the source's query from the configuration; the source is not reported unmodelled", () => {
    const c = load({ "emqx.conf": conf.replace(/,\n    \{type = redis[^\n]*/, "") }, { sourceUrls: [mysql] }).chain();
    expect(c.stages[0].live).toEqual({
      type: "mysql",
      url: mysql.url,
      statement: { sql: "SELECT permission, action, topic FROM t WHERE u = ?", vars: ["username"] },
    });
    expect(c.warnings).toEqual([]);
  });

  it("refuses a command EMQX would not run, a missing source, both forms, and EMQX 4", () => {
    expect(loadError({ "emqx.conf": conf }, { sourceUrls: [{ type: "redis", url: "redis://h" }] })).toMatch(
      /^D\/emqx.conf:4:26: HGET: EMQX accepts only HGETALL key/,
    );
    expect(loadError({ "emqx.conf": conf }, { sourceUrls: [{ type: "postgresql", url: "postgres://h/db" }] })).toMatch(
      /--source-url postgresql: the configuration has no postgresql source/,
    );
    expect(
      loadError(
        { "emqx.conf": conf, "s.sql": "" },
        { sourceUrls: [mysql], sourceRules: [{ type: "mysql", path: "s.sql" }] },
      ),
    ).toMatch(/--source-url mysql: --source-rules gives the mysql rules too/);
    expect(
      loadError(
        { "emqx.conf": "acl_nomatch = deny\nauth.mysql.server = 127.0.0.1:3306\n" },
        { emqx: "v4", sourceUrls: [mysql] },
      ),
    ).toMatch(/EMQX 4's plugins are not read live/);
  });
});
