/**
 * Source preconditions by hand-built vectors: the expression, the client, and whether EMQX
 * consults the source (renders exactly `true`), skips it (anything else, errors included),
 * or — outside the modelled subset — `unknown`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chainDecisionToWire, decideChain } from "./decide-chain";
import { explainChain } from "./explain-chain";
import { loadChain } from "./load-chain";
import { evaluatePrecondition, preconditionSyntaxError } from "./precondition";
import { fileTree, mysqlSeed, req } from "./chain.test-support";

const client = req({
  username: "alice",
  clientid: "dev-1",
  listener: "ssl:default",
  zone: "default",
  client_attrs: { tns: "t1", flag: "true" },
  topic: "t1/dev-1/up",
});
const holds = (expr: string, r = client) => evaluatePrecondition(expr, r).holds;

describe("evaluatePrecondition", () => {
  it.each([
    ["str_eq(action, 'publish')", true],
    ["str_eq(action, 'subscribe')", false],
    ['str_neq(username, "bob")', true],
    ["str_eq(listener, 'ssl:default')", true],
    ["str_eq(zone, 'default')", true],
    ["str_eq(client_attrs.tns, 't1')", true],
    ["client_attrs.flag", true],
    ["true", true],
    ["false", false],
    ["'true'", true],
    ["not(str_eq(clientid, 'dev-1'))", false],
    ["not('false')", true],
    ["is_empty(client_attrs.missing)", true],
    ["is_empty(username)", false],
    ["iif(client_attrs.missing, false, true)", true],
    ["str_eq(coalesce(client_attrs.missing, clientid), 'dev-1')", true],
    ["str_eq(coalesce([client_attrs.missing, '', zone]), 'default')", true],
    ["str_eq(concat(client_attrs.tns, '/'), 't1/')", true],
    ["str_eq(concat(['a', 1, true]), 'a1true')", true],
    ["str_eq(upper(username), 'ALICE')", true],
    ["str_eq(lower('ABC'), 'abc')", true],
    ["topic_match(topic, concat([client_attrs.tns, '/+/up']))", true],
    ["topic_match(topic, '#')", true],
    ["topic_match('$SYS/x', '#')", false],
    ["topic_match('a/b', 'a/b/#')", true],
    ["topic_match('a', 'a/+')", false],
    ["str_eq(007, '7')", true],
  ])("%s → %s", (expr, want) => {
    expect(holds(expr)).toBe(want);
  });

  it("an evaluation error skips the source, with the reason", () => {
    expect(evaluatePrecondition("str_eq(client_attrs.missing, '')", client)).toEqual({
      holds: false,
      why: "its evaluation fails (variable client_attrs.missing is unbound)",
    });
    expect(evaluatePrecondition("not('yes')", client).holds).toBe(false);
    expect(evaluatePrecondition("str_eq(client_attrs.tns.x, 't1')", client).holds).toBe(false);
    expect(evaluatePrecondition("str_eq(clientid.x, 'dev-1')", client).holds).toBe(false);
    expect(holds("str_eq(clientid., 'dev-1')")).toBe(true);
    // the arity is checked before the arguments are evaluated: `a` (not modelled) is never read
    expect(evaluatePrecondition("str_eq(a)", client).holds).toBe(false);
    expect(evaluatePrecondition("str_eq(username)", client)).toEqual({
      holds: false,
      why: "its evaluation fails (str_eq/1 is not a function)",
    });
    expect(evaluatePrecondition("clientid", client)).toEqual({ holds: false, why: "it renders 'dev-1'" });
  });

  it("a null username renders as the empty string", () => {
    expect(holds("is_empty(username)", req({ username: null, topic: "t" }))).toBe(true);
  });

  it("anything outside the modelled subset is unknown, with a reason", () => {
    for (const expr of [
      "str_eq(peerhost, '10.0.0.1')",
      "str_eq(cert_subject, 'x')",
      "regex_match(clientid, '^dev')",
      "emqx_variform_bif.str_eq(clientid, 'x')",
      "str_eq(1.5, '1.5')",
      "str_eq(cert_common_name, 'x')",
      "str_eq(lower('É'), 'é')",
      "str_eq(client_attrs, '')",
    ]) {
      const r = evaluatePrecondition(expr, client);
      expect(r.holds, expr).toBe("unknown");
      expect((r as { why: string }).why).not.toBe("");
    }
    expect(holds("str_eq(topic, 'x')", req({ topic: "$share/g/x" }))).toBe("unknown");
  });

  it("syntax errors are what EMQX's scanner and parser refuse", () => {
    for (const ok of ["str_eq(a-b, 'x')", "f()", "iif(x, [a, 'b'], 1)", " \n\ttrue "])
      expect(preconditionSyntaxError(ok)).toBeNull();
    for (const bad of ["", "  ", "str_eq(a, 'b'", "a b", "true(x)", "[a]", "1.", "x = 'y'", "'it''s'"])
      expect(preconditionSyntaxError(bad), bad).not.toBeNull();
  });
});

describe("preconditions in the chain", () => {
  const dir = fileTree({
    "emqx.conf": [
      "authorization {",
      "  no_match = deny",
      "  sources = [",
      '    {type = file, path = "a.conf", precondition = "str_eq(client_attrs.tns, \'t1\')"}',
      '    {type = mysql, query = "SELECT 1", precondition = "str_eq(peerhost, \'10.0.0.1\')"}',
      "  ]",
      "}",
      "",
    ].join("\n"),
    "a.conf": '{deny, all, all, ["secret/#"]}.\n{allow, all, publish, ["t1/#"]}.\n',
    "seed.sql": mysqlSeed([["alice", null, "allow", "all", "db/#"]]),
  });
  const chain = loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), {
    emqx: "v6",
    env: {},
    sourceRules: [{ type: "mysql", path: join(dir, "seed.sql") }],
  });
  const wire = (fields: Record<string, unknown>) =>
    chainDecisionToWire(decideChain(chain, req({ username: "alice", ...fields })));

  it("a source whose precondition holds decides; one whose precondition is false is skipped", () => {
    expect(wire({ topic: "t1/x", client_attrs: { tns: "t1" } })).toBe(
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":2}}',
    );
    expect(wire({ topic: "secret/x", client_attrs: { tns: "t2" } })).toBe('{"decision":"deny","stage":"no_match"}');
  });

  it("a precondition not modelled is unknown only when the source would answer", () => {
    expect(wire({ topic: "db/x" })).toMatch(/^\{"decision":"unknown","stage":\{"source":2,.*peerhost/);
    // the source has no rule for the topic: consulted or not, the chain goes on
    expect(wire({ topic: "other" })).toBe('{"decision":"deny","stage":"no_match"}');
  });

  it("explain says why a source was skipped", () => {
    const e = explainChain(chain, req({ username: "alice", topic: "secret/x", client_attrs: { tns: "t2" } }));
    expect(e.steps[0]).toMatchObject({
      answer: "skipped",
      why: "its precondition `str_eq(client_attrs.tns, 't1')` is false for this client (it renders 'false'): EMQX skips the source",
    });
  });

  it("EMQX 5.8 has no preconditions: a warning, the source consulted", () => {
    const v5 = fileTree({
      "emqx.conf": 'authorization.sources = [{type = file, path = "a.conf", precondition = "false"}]\n',
      "a.conf": '{allow, all, all, ["#"]}.\n',
    });
    const c = loadChain(join(v5, "emqx.conf"), readFileSync(join(v5, "emqx.conf"), "utf8"), { emqx: "v5", env: {} });
    expect(c.warnings.join("\n")).toContain("EMQX 5.8 sources have no precondition");
    expect(decideChain(c, req({ topic: "x" })).decision).toBe("allow");
  });

  it("a precondition EMQX cannot compile refuses the configuration", () => {
    const bad = fileTree({
      "emqx.conf": 'authorization.sources = [{type = file, path = "a.conf", precondition = "str_eq(a,"}]\n',
      "a.conf": "",
    });
    expect(() =>
      loadChain(join(bad, "emqx.conf"), readFileSync(join(bad, "emqx.conf"), "utf8"), { emqx: "v6", env: {} }),
    ).toThrow(/bad_precondition_expression/);
  });
});
