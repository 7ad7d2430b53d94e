/**
 * End to end: the built CLI's `test` command. EMQX's own answers (conformance cases turned
 * into test files) pass; the example passes with its coverage gap; a failing case exits 1
 * with the explanation; junit, github and json outputs; LCOV and --min-coverage; bad test
 * files and missing files exit 2 with one line and no stack trace.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { conformanceCases, repoRoot } from "./support/shared";

const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");
const whole = join(repoRoot, "packages", "cli", "dist", "emqx-acl.cjs");
const acl = "examples/authz-tests/acl.conf";
const tests = "examples/authz-tests/tests.yaml";
let tmp = "";

function run(args: string[], script = bin) {
  return spawnSync(process.execPath, [script, ...args], { encoding: "utf8", cwd: repoRoot });
}

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
  tmp = mkdtempSync(join(tmpdir(), "emqx-acl-test-"));
});

/** A conformance case's requests and EMQX's decisions as a JSON test file (decided cases only). */
function conformanceTestFile(dir: string): { path: string; count: number } {
  const requests = readFileSync(join(dir, "requests.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const expected = readFileSync(join(dir, "expected.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const cases = requests.flatMap((r, i) => {
    const e = expected[i];
    if (!e || !["allow", "deny", "nomatch"].includes(e.decision) || (e.rule === null && e.decision !== "nomatch"))
      return [];
    const client = {
      username: r.username,
      clientid: r.clientid,
      peerhost: r.peerhost,
      cn: r.cert_common_name,
      client_attrs: r.client_attrs,
      zone: r.zone,
      listener: r.listener,
    };
    const action = r.action === "publish" ? { publish: r.topic, retain: r.retain } : { subscribe: r.topic };
    return [
      {
        name: `request ${i + 1}`,
        client,
        ...action,
        qos: r.qos,
        expect: e.decision,
        ...(e.rule === null ? {} : { rule: e.rule }),
      },
    ];
  });
  const path = join(tmp, `${basename(dir)}.json`);
  writeFileSync(path, JSON.stringify({ cases }, null, 1));
  return { path, count: cases.length };
}

describe("emqx-acl test (built CLI)", () => {
  for (const dialect of ["v4", "v5", "v6"] as const) {
    const dir = conformanceCases(dialect)[0];
    it(`EMQX's own decisions of ${dialect}/${basename(dir)} pass, with their deciding rules`, () => {
      const { path, count } = conformanceTestFile(dir);
      expect(count).toBeGreaterThan(5);
      const r = run(["test", "--dialect", dialect, "--format", "json", join(dir, "acl.conf"), path]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).summary).toMatchObject({ cases: count, passed: count, failed: 0 });
    });
  }

  it("passes the example and names the rule no case reaches", () => {
    const r = run(["test", "--dialect", "v5", acl, tests]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("PASS examples/authz-tests/tests.yaml:17:5  the dashboard reads broker statistics\n");
    expect(r.stdout).toContain("PROVED examples/authz-tests/tests.yaml:67:5  only the dashboard reads $SYS\n");
    expect(r.stdout).toContain(
      "8 cases: 8 passed, 0 failed\n2 properties: 2 proved, 0 violated, 0 unknown\ncoverage: 6/7 rules decided at least one case (85.7%)\n  not reached: rule 5 (examples/authz-tests/acl.conf:16, allow)\n",
    );
  });

  it("proves an only: property on an EMQX 4 file, where '#' reaches $SYS, and finds the client that breaks it", () => {
    const props = join(tmp, "v4-props.yaml");
    writeFileSync(
      props,
      "properties:\n  - name: only the dashboard reads $SYS\n    only: {action: subscribe, topic: $SYS/#, clients: {username: dashboard}}\n",
    );
    const closed = join(tmp, "v4-closed.conf");
    writeFileSync(closed, '{allow, {user, "dashboard"}, subscribe, ["$SYS/#"]}.\n{allow, all, subscribe, ["t/#"]}.\n');
    const proved = run(["test", "--emqx", "4", "--format", "json", closed, props]);
    expect(proved.stderr).toBe("");
    expect(JSON.parse(proved.stdout).properties.map((p: { status: string }) => p.status)).toEqual(["proved"]);
    const open = join(tmp, "v4-open.conf");
    writeFileSync(open, '{allow, {user, "dashboard"}, subscribe, ["$SYS/#"]}.\n{allow, all, subscribe, ["#"]}.\n');
    const violated = run(["test", "--emqx", "4", "--format", "json", open, props]);
    expect(violated.status).toBe(1);
    const [p] = JSON.parse(violated.stdout).properties;
    expect(p.status).toBe("violated");
    expect(p.witness.username).not.toBe("dashboard");
    expect(p.witness.topic.startsWith("$SYS")).toBe(true);
  });

  it("--config: the cases go through the whole chain (acl file, MySQL seed, no_match) of examples/chain", () => {
    const chain = ["--config", "examples/chain/emqx.conf", "--source-rules", "mysql=examples/chain/seed.sql"];
    const r = run(["test", ...chain, "--format", "json", "examples/chain/tests.yaml"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ acl: "examples/chain/acl.conf", config: "examples/chain/emqx.conf" });
    expect(out.summary).toMatchObject({ cases: 6, passed: 6, failed: 0 });
    expect(out.cases.map((c: { actual: { by: string } }) => c.actual.by)).toEqual([
      "the acl file (source 1)",
      "the acl file (source 1)",
      "the acl file (source 1)",
      "source 3 (mysql) rule 1",
      "source 3 (mysql) rule 2",
      "no_match = deny (no source decided)",
    ]);
    expect(out.coverage).toMatchObject({ covered: 2, total: 2 });
    // without the seed the MySQL source answers nothing: its cases fail, explained through the chain
    const bare = run(["test", "--config", "examples/chain/emqx.conf", "examples/chain/tests.yaml"]);
    expect(bare.status).toBe(1);
    expect(bare.stdout).toContain(
      "FAIL examples/chain/tests.yaml:25:5  a sensor publishes its own readings (a MySQL row)",
    );
    expect(bare.stdout).toContain("expected allow, got deny by no_match = deny (no source decided)");
    expect(bare.stdout).toContain("6 cases: 5 passed, 1 failed");
  });

  it("--config: properties are proved over the chain when its acl file is the only source with rules", () => {
    const props = join(tmp, "chain-props.yaml");
    writeFileSync(props, "properties:\n  - never: {action: subscribe, topic: $SYS/#}\n");
    const status = (args: string[]) =>
      JSON.parse(run(["test", ...args, "--format", "json", props]).stdout).properties[0];
    // examples/chain: the acl file denies $SYS, no_match = deny; the MySQL seed adds rules
    expect(status(["--config", "examples/chain/emqx.conf"])).toMatchObject({ status: "proved" });
    expect(
      status(["--config", "examples/chain/emqx.conf", "--source-rules", "mysql=examples/chain/seed.sql"]),
    ).toMatchObject({ status: "unknown", reason: expect.stringContaining("other sources have rules too") });
    // EMQX 6 with include_mountpoint: the sources decide mounted topics, the property names sent ones
    const mp = ["--config", "examples/chain-mountpoint/emqx.conf"];
    expect(status(["--emqx", "6", ...mp])).toMatchObject({
      status: "unknown",
      reason: expect.stringContaining("authorization.include_mountpoint"),
    });
    expect(status(["--emqx", "5", ...mp])).toMatchObject({ status: "proved" });
    // no_match = allow lets through what the acl file does not decide
    const dir = join(tmp, "chain-allow");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "acl.conf"), '{allow, {username, "admin"}, all, ["#"]}.\n');
    writeFileSync(
      join(dir, "emqx.conf"),
      'authorization {\n  no_match = allow\n  sources = [{type = file, enable = true, path = "acl.conf"}]\n}\n',
    );
    const r = run(["test", "--config", join(dir, "emqx.conf"), props]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /VIOLATED .*\n  violated: no rule decides subscribe "\$SYS[^"]*".*, and no_match = allow allows it/,
    );
    const url = run([
      "test",
      "--config",
      "examples/chain/emqx.conf",
      "--source-url",
      "mysql=mysql://127.0.0.1/x",
      props,
    ]);
    expect(url.status).toBe(2);
    expect(url.stderr).toContain("--source-url");
  });

  it("--min-coverage fails below it; --coverage-lcov writes LCOV", () => {
    const lcov = join(tmp, "acl.lcov");
    const r = run(["test", "--dialect", "v5", "--min-coverage", "90", "--coverage-lcov", lcov, acl, tests]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("coverage 85.7% is below --min-coverage 90%");
    expect(readFileSync(lcov, "utf8")).toBe(
      [
        "TN:",
        `SF:${acl}`,
        "DA:4,1",
        "DA:7,1",
        "DA:10,1",
        "DA:13,1",
        "DA:16,0",
        "DA:19,1",
        "DA:22,3",
        "LF:7",
        "LH:6",
        "end_of_record",
        "",
      ].join("\n"),
    );
    expect(run(["test", "--dialect", "v5", "--min-coverage", "85", acl, tests]).status).toBe(0);
  });

  it("a failing case exits 1 and shows which rule decided and why earlier rules did not match", () => {
    const failing = join(tmp, "failing.yaml");
    writeFileSync(
      failing,
      "cases:\n  - name: ops announce from home\n    client: {username: ops-bob, peerhost: 10.99.0.1}\n    publish: tenants/acme/announce/x\n    expect: allow\n    rule: 5\n",
    );
    for (const script of [bin, whole]) {
      const r = run(["test", "--dialect", "v5", acl, failing], script);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(
        `FAIL ${failing}:2:5  ops announce from home\n  expected allow, got deny by rule 7 (line 22)\n    decision: deny by rule 7 (${acl}:22)`,
      );
      expect(r.stdout).toContain("      rule 5 (line 16): who — peer 10.99.0.1 is not in 10.20.0.0/16\n");
    }
    const junit = run(["test", "--dialect", "v5", "--format", "junit", acl, failing]);
    expect(junit.status).toBe(1);
    expect(junit.stdout).toMatch(
      /<testcase name="ops announce from home" [^>]*line="2">\n\s*<failure message="expected allow, got deny by rule 7 \(line 22\)" type="decision">/,
    );
    const gh = run(["test", "--dialect", "v5", "--format", "github", acl, failing]);
    // the test file is outside the working directory: its path stays absolute
    expect(gh.stdout.split("\n")[0]).toBe(
      `::error file=${failing},line=2,col=5,title=emqx-acl test::ops announce from home: expected allow, got deny by rule 7 (line 22)`,
    );
    expect(gh.stdout).toContain(
      `::notice file=${acl},line=4,title=emqx-acl coverage::rule 1 (allow) decides no test case`,
    );
  });

  it("a property EMQX's default file breaks: exit 1 with a witness the engine allows", () => {
    const prop = join(tmp, "sys.yaml");
    writeFileSync(
      prop,
      "properties:\n  - name: only the dashboard reads $SYS\n    never: {action: subscribe, topic: $SYS/#, unless: {username: {re: ^dashboard$}}}\n",
    );
    const r = run(["test", "--dialect", "v5", "--format", "json", "examples/v5-default.acl.conf", prop]);
    expect(r.status).toBe(1);
    const [p] = JSON.parse(r.stdout).properties;
    expect(p).toMatchObject({
      status: "violated",
      decision: { decision: "allow", rule: 2 },
      witness: { peerhost: "127.0.0.1", action: "subscribe" },
    });
    // the witness is a request `check` decides the same way
    const reqs = join(tmp, "witness.jsonl");
    writeFileSync(reqs, `${JSON.stringify(p.witness)}\n`);
    const check = run(["check", "--engine", "v5", "examples/v5-default.acl.conf", reqs]);
    expect(check.stdout).toBe('{"decision":"allow","rule":2}\n');
  });

  it.each([
    [
      "a bad test file",
      (dir: string) => {
        const p = join(dir, "bad.yaml");
        writeFileSync(p, "cases:\n  - client: {username: 12}\n    publish: a\n    expect: allow\n");
        return [acl, p];
      },
      /^emqx-acl: .*bad\.yaml:2:24: case 1: client: username must be a string \(write it in quotes: "12"\)\n$/,
    ],
    [
      "broken YAML",
      (dir: string) => {
        const p = join(dir, "broken.yaml");
        writeFileSync(p, "cases:\n  - client: {a: 1\n");
        return [acl, p];
      },
      /^emqx-acl: .*broken\.yaml:3:1: Flow map/,
    ],
    [
      "a missing test file",
      () => [acl, "no-such-tests.yaml"],
      /^emqx-acl: cannot read 'no-such-tests\.yaml': no such file\n$/,
    ],
    ["a missing acl file", () => ["no-such.conf", tests], /^emqx-acl: cannot read 'no-such\.conf': no such file\n$/],
    [
      "no test file",
      () => [acl],
      /^emqx-acl: error: missing the test files: test ACL_FILE TESTS\.\.\. \(or --config emqx\.conf TESTS\.\.\.\); try 'emqx-acl test --help'\n$/,
    ],
  ])("%s: exit 2, one line, no stack trace", (_what, args, message) => {
    const r = run(["test", ...args(tmp)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("an acl file EMQX refuses: exit 1 with the refusal line", () => {
    const bad = join(tmp, "refused.conf");
    writeFileSync(bad, '{allow, {user, "x"}, pubsub, ["t"]}.\n');
    const r = run(["test", "--dialect", "v5", bad, tests]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/refused\.conf:1:\d+: EMQX v5 refuses this file: /);
  });
});
