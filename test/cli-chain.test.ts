/**
 * End to end: `check --config` and `explain --config` through the built CLI on
 * examples/chain (a file source, an HTTP source that is not modelled, a MySQL source from
 * its seed), EMQX 4 ordering, refused configurations (file:line:col, exit 1) and usage
 * errors (exit 2). Without --config, check's output keeps the conformance format (the
 * conformance tests run it).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const ex = join(repoRoot, "examples", "chain");
const chainArgs = ["--config", "emqx.conf", "--source-rules", "mysql=seed.sql"];

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

describe("check --config (built CLI)", () => {
  it("decides examples/chain as expected.jsonl says, naming the deciding stage", () => {
    const r = runBuiltCli(["check", ...chainArgs, "requests.jsonl"], { cwd: ex });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(ex, "expected.jsonl"), "utf8"));
    expect(r.stdout).toContain('{"decision":"allow","stage":{"source":3,"type":"mysql","rule":1}}');
    expect(r.stdout).toContain('{"decision":"allow","stage":"superuser"}');
    expect(r.stderr).toBe("warning: not modelled (answer nothing): source 2 (http)\n");
  });

  it("without the seed the mysql source answers nothing, and no_match decides", () => {
    const line = '{"username":"sensor1","clientid":"s1","action":"publish","topic":"sensors/sensor1/temp"}\n';
    const r = runBuiltCli(["check", "--config", "emqx.conf", "-"], { cwd: ex, input: line });
    expect(r.stdout).toBe('{"decision":"deny","stage":"no_match"}\n');
    expect(r.stderr).toContain("source 2 (http), source 3 (mysql); give its rules with --source-rules");
  });

  it("an EMQX 4 config is detected; acl_order = file puts the acl.conf module first", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-chain-"));
    writeFileSync(join(dir, "emqx.conf"), "acl_nomatch = deny\nacl_file = acl.conf\nacl_order = file\n");
    writeFileSync(join(dir, "acl.conf"), '{allow, {user, "u"}, publish, ["t/%u"]}.\n');
    const r = runBuiltCli(["check", "--config", "emqx.conf", "-"], {
      cwd: dir,
      input: '{"username":"u","action":"publish","topic":"t/u"}\n{"username":"v","action":"publish","topic":"t/v"}\n',
    });
    expect(r.stdout).toBe(
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}\n{"decision":"deny","stage":"no_match"}\n',
    );
  });

  it("a configuration EMQX refuses: every reason with file:line:col, exit 1, no output", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-chain-"));
    writeFileSync(
      join(dir, "emqx.conf"),
      'authorization {\n  no_match = perhaps\n  sources = [{type = file, path = "acl.conf"}]\n}\n',
    );
    writeFileSync(join(dir, "acl.conf"), '{allow, all}.\n{allow, all, pubsub, ["t"]}.\n');
    const r = runBuiltCli(["check", "--config", "emqx.conf", "-"], {
      cwd: dir,
      input: '{"action":"publish","topic":"t"}\n',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("emqx.conf:2:14: authorization.no_match must be allow or deny");
    expect(r.stderr).toMatch(/acl\.conf:2:\d+: EMQX v5 refuses this file/);
    expect(r.stderr).toContain("emqx.conf: EMQX refuses this configuration");
  });

  it("usage errors exit 2", () => {
    expect(runBuiltCli(["check", "--config", "emqx.conf", "acl.conf", "requests.jsonl"], { cwd: ex }).stderr).toContain(
      "give only the requests file",
    );
    expect(
      runBuiltCli(["check", "--engine", "v5", "--source-rules", "mysql=seed.sql", "acl.conf", "requests.jsonl"], {
        cwd: ex,
      }).code,
    ).toBe(2);
    expect(runBuiltCli(["check", "acl.conf", "requests.jsonl"], { cwd: ex }).stderr).toBe(
      "emqx-acl: error: required option '--emqx <version>' not specified (or give --config emqx.conf); try 'emqx-acl check --help'\n",
    );
    expect(
      runBuiltCli(["check", "--config", "emqx.conf", "--source-rules", "http=x.json", "requests.jsonl"], { cwd: ex })
        .code,
    ).toBe(2);
    const bad = runBuiltCli(["check", "--config", "emqx.conf", "-"], {
      cwd: ex,
      input: '{"action":"publish","topic":"t","is_superuser":"yes"}\n',
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('"is_superuser\\" must be true or false');
  });
});

describe("explain --config (built CLI)", () => {
  it("names the deciding source and rule, and why each earlier source passed", () => {
    const r = runBuiltCli(["explain", ...chainArgs, "--username", "sensor1", "--publish", "sensors/sensor2/temp"], {
      cwd: ex,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("decision: deny by source 3 (mysql) rule 2 (seed.sql row 2)");
    expect(r.stdout).toContain("source 1 (file, acl.conf): no rule matched (2 rules)");
    expect(r.stdout).toContain("source 2 (http): not modelled");
    expect(r.stdout).toContain("deny_action = ignore: the message is dropped");
  });

  it("names the no_match default with where it is set, and the superuser shortcut", () => {
    const r = runBuiltCli(["explain", ...chainArgs, "--username", "bob", "--publish", "chat/x"], { cwd: ex });
    expect(r.stdout).toContain(
      "decision: deny by the no_match default — no source decided (authorization.no_match = deny, set at emqx.conf:4:14)",
    );
    expect(r.stdout).toContain("source 3 (mysql, seed.sql): no rule matched (3 rules)");
    const su = runBuiltCli(["explain", ...chainArgs, "--superuser", "--username", "bob", "--subscribe", "#"], {
      cwd: ex,
    });
    expect(su.stdout).toMatch(/^decision: allow — the client is a superuser/);
    expect(su.stdout).toContain("cache: this decision is kept per connection for 1m");
    const delayed = runBuiltCli(["explain", ...chainArgs, "--superuser", "--publish", "$delayed/x"], { cwd: ex });
    expect(delayed.stdout).toMatch(/^decision: deny before the chain: invalid \$delayed topic\n/);
    expect(delayed.stdout).not.toContain("cache:");
  });

  it("JSON: the stage and every consulted source's answer", () => {
    const r = runBuiltCli(
      ["explain", ...chainArgs, "--format", "json", "--clientid", "dashboard", "--subscribe", "sensors/+/t"],
      { cwd: ex },
    );
    const j = JSON.parse(r.stdout);
    expect(j.decision).toBe("allow");
    expect(j.stage).toEqual({ source: 3, type: "mysql", rule: 3 });
    expect(j.sources.map((s: { answer: string }) => s.answer)).toEqual(["nomatch", "not modelled", "allow"]);
    expect(j.settings).toEqual({
      no_match: "deny",
      deny_action: "ignore",
      cache: { enable: true, max_size: 32, ttl: "1m" },
    });
  });

  it("--superuser without --config is a usage error", () => {
    expect(runBuiltCli(["explain", "acl.conf", "--superuser", "--publish", "t"], { cwd: ex }).code).toBe(2);
  });
});

describe("analyze --config (built CLI)", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-chain-"));
  writeFileSync(
    join(dir, "emqx.conf"),
    'authorization {\n  no_match = allow\n  sources = [\n    {type = file, path = "acl.conf"}\n    {type = built_in_database}\n  ]\n}\n',
  );
  writeFileSync(join(dir, "acl.conf"), '{allow, {username, "admin"}, all, ["#"]}.\n{deny, all}.\n');

  it("reports a source behind a file source that answers every request, with file:line:col", () => {
    const r = runBuiltCli(["analyze", "--config", "emqx.conf"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "source 2 (built_in_database) UNREACHABLE (emqx.conf:5:5): source 2 (built_in_database) is never consulted: source 1 (file) answers every request first (its rule 2 matches every request)",
    );
    expect(r.stdout).toContain("no_match (allow) is never used");
    const j = JSON.parse(runBuiltCli(["analyze", "--config", "emqx.conf", "--format", "json"], { cwd: dir }).stdout);
    expect(j.findings.map((f: { id: string; at: string }) => [f.id, f.at])).toEqual([
      ["source-unreachable", "emqx.conf:5:5"],
      ["no-match-unused", "emqx.conf:2:14"],
    ]);
  });

  it("examples/chain has no dead source", () => {
    const r = runBuiltCli(["analyze", ...chainArgs], { cwd: ex });
    expect(r.stdout).toContain("3 source(s), 0 never consulted");
    expect(r.stdout).not.toContain("UNREACHABLE");
  });
});

describe("compile → check --config round trip (built CLI)", () => {
  // rules a database can hold (exact usernames / client ids, plain topics, eq)
  const acl = [
    '{allow, {username, "u1"}, publish, ["a/${username}/#"]}.',
    '{deny, {username, "u1"}, all, ["a/#"]}.',
    '{allow, {clientid, "c2"}, subscribe, ["b/+", {eq, "b/#"}]}.',
    '{deny, all, subscribe, ["b/#"]}.',
    '{allow, all, publish, ["pub/#"]}.',
    "",
  ].join("\n");
  const requests = ["u1", "u2", null].flatMap((username) =>
    ["c1", "c2"].flatMap((clientid) =>
      ["a/u1/x", "a/u2/x", "b/1", "b/#", "pub/x", "other"].flatMap((topic) =>
        (["publish", "subscribe"] as const).map((action) => JSON.stringify({ username, clientid, action, topic })),
      ),
    ),
  );

  for (const target of ["postgresql", "mysql"] as const) {
    it(`a ${target} source holding the compiled rules decides as the acl file does`, () => {
      const dir = mkdtempSync(join(tmpdir(), "cli-chain-"));
      writeFileSync(join(dir, "rules.acl.conf"), acl);
      writeFileSync(join(dir, "requests.jsonl"), `${requests.join("\n")}\n`);
      writeFileSync(
        join(dir, "emqx.conf"),
        `authorization {\n  no_match = deny\n  sources = [{type = ${target}, query = "…"}]\n}\n`,
      );
      const compiled = runBuiltCli(["compile", "rules.acl.conf", "--to", target, "--emqx", "5", "--out", "db"], {
        cwd: dir,
      });
      expect(compiled.code).toBe(0);
      const chain = runBuiltCli(
        ["check", "--config", "emqx.conf", "--source-rules", `${target}=db/seed.sql`, "requests.jsonl"],
        { cwd: dir },
      );
      const file = runBuiltCli(["check", "--engine", "v5", "rules.acl.conf", "requests.jsonl"], { cwd: dir });
      expect(chain.stderr).toBe("");
      const fromChain = chain.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      const fromFile = file.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      expect(fromChain).toHaveLength(requests.length);
      // rule numbers are the seed's rows (a rule with two topics is two rows): compare decisions and the stage
      fromFile.forEach((f, i) => {
        const want =
          f.decision === "nomatch"
            ? { decision: "deny", stage: "no_match" }
            : { decision: f.decision, stage: { source: 1, type: target } };
        expect(fromChain[i], requests[i]).toMatchObject(want);
      });
      expect(fromChain.filter((d) => d.stage === "no_match").length).toBeGreaterThan(0);
      expect(fromChain.filter((d) => d.decision === "allow").length).toBeGreaterThan(0);
    });
  }
});

describe("EMQX 4 chain with a Redis plugin (built CLI)", () => {
  const resp = (...cmds: string[][]) =>
    cmds.map((c) => `*${c.length}\r\n${c.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`).join("");
  const dir = mkdtempSync(join(tmpdir(), "cli-chain-"));
  writeFileSync(join(dir, "emqx.conf"), "acl_nomatch = deny\nacl_file = acl.conf\n");
  writeFileSync(join(dir, "acl.conf"), '{allow, all, publish, ["#"]}.\n');
  // EMQX 4 Redis: hash mqtt_acl:<username>, field = topic, value 1 sub / 2 pub / 3 both
  writeFileSync(join(dir, "seed.resp"), resp(["HSET", "mqtt_acl:u1", "u1/#", "3"]));
  const lines = [
    { username: "u1", action: "publish", topic: "u1/x" },
    { username: "u1", action: "publish", topic: "other" },
    { username: "u2", action: "publish", topic: "other" },
    { username: "$u1", action: "publish", topic: "other" },
  ].map((l) => JSON.stringify(l));

  it("a user with a hash is denied what it does not list (the plugin stops the chain); others reach acl.conf", () => {
    const r = runBuiltCli(["check", "--config", "emqx.conf", "--source-rules", "redis=seed.resp", "-"], {
      cwd: dir,
      input: `${lines.join("\n")}\n`,
    });
    expect(r.stdout.trim().split("\n")).toEqual([
      '{"decision":"allow","stage":{"source":1,"type":"redis","rule":1}}',
      '{"decision":"deny","stage":{"source":1,"type":"redis","rule":2}}',
      '{"decision":"allow","stage":{"source":2,"type":"file","rule":1}}',
      '{"decision":"allow","stage":{"source":2,"type":"file","rule":1}}',
    ]);
  });

  it("explain names a seed's rule by what was read from it, not by a line of the imported text", () => {
    const r = runBuiltCli(
      [
        "explain",
        "--config",
        "emqx.conf",
        "--source-rules",
        "redis=seed.resp",
        "--username",
        "u1",
        "--publish",
        "other",
      ],
      { cwd: dir },
    );
    expect(r.stdout).toMatch(
      /^decision: deny by source 1 \(redis\) rule 2 of those read from seed\.resp\n  read as the acl\.conf rule:\n    \| \{deny, \{user, "u1"\}, pubsub, \["#"\]\}\./,
    );
    const order = runBuiltCli(
      [
        "explain",
        "--config",
        "emqx.conf",
        "--source-rules",
        "redis=seed.resp",
        "--username",
        "$u1",
        "--publish",
        "other",
      ],
      { cwd: dir },
    );
    expect(order.stdout).toContain(
      "source 1 (redis, seed.resp): skipped — EMQX 4's database and HTTP plugins answer nothing for a username starting with '$'",
    );
  });
});

describe("examples/chain-v4 and examples/chain-v6 (built CLI)", () => {
  const v4 = join(repoRoot, "examples", "chain-v4");
  const v6 = join(repoRoot, "examples", "chain-v6");

  it("EMQX 4.4: the MySQL plugin, then acl.conf, decide as expected.jsonl says", () => {
    const r = runBuiltCli(["check", "--config", "emqx.conf", "--source-rules", "mysql=seed.sql", "requests.jsonl"], {
      cwd: v4,
    });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(readFileSync(join(v4, "expected.jsonl"), "utf8"));
    // a plugin's row ends the chain; a '$' username skips the plugin
    expect(r.stdout.split("\n")[1]).toBe('{"decision":"deny","stage":{"source":1,"type":"mysql","rule":2}}');
    const e = runBuiltCli(
      [
        "explain",
        "--config",
        "emqx.conf",
        "--source-rules",
        "mysql=seed.sql",
        "--username",
        "$sensor1",
        "--clientid",
        "s2",
        "--publish",
        "sensors/$sensor1/temp",
      ],
      { cwd: v4 },
    );
    expect(e.stdout).toContain("source 1 (mysql, seed.sql): skipped");
    expect(e.stdout).toMatch(/^decision: deny by the no_match default/);
  });

  it("EMQX 6: login ACL, acl.conf, Redis and the deny default decide as expected.jsonl says", () => {
    const args = ["--config", "emqx.conf", "--source-rules", "redis=seed.resp"];
    const r = runBuiltCli(["check", "--emqx", "6", ...args, "requests.jsonl"], { cwd: v6 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(readFileSync(join(v6, "expected.jsonl"), "utf8"));
    expect(r.stdout).toContain('{"decision":"allow","stage":{"type":"client_info","rule":"pub"}}');
    // the upgrade 5 → 6: what no source decides turns from allowed to denied
    const d = runBuiltCli(
      [
        "diff",
        "--config",
        "emqx.conf",
        "--config",
        "emqx.conf",
        "--emqx",
        "5",
        "--emqx-new",
        "6",
        "--source-rules",
        "redis=seed.resp",
      ],
      { cwd: v6 },
    );
    expect(d.stdout).toContain("newly denied (1 class):");
    expect(d.stdout).toContain("allow (no_match) → deny (no_match)");
  });
});
