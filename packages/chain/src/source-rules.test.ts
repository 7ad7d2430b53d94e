import { describe, expect, it } from "vitest";
import { loadRuleSet } from "@emqx-acl/analysis";
import { compileDecider } from "@emqx-acl/core";
import { importSourceRules, parseSourceRulesSpec } from "./source-rules";
import { mysqlSeed, req } from "./chain.test-support";

const bytes = (s: string) => Buffer.from(s, "utf8");
const resp = (...cmds: string[][]) =>
  cmds.map((c) => `*${c.length}\r\n${c.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`).join("");

/** Decides a request with the imported rules: "allow 1", "deny 2", "nomatch". */
function decide(text: string, fields: Record<string, unknown>): string {
  const d = compileDecider(loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet).decide(req(fields));
  return d.rule === null ? d.decision : `${d.decision} ${d.rule}`;
}

describe("parseSourceRulesSpec", () => {
  it("reads TYPE=FILE for database types only", () => {
    expect(parseSourceRulesSpec("mysql=a=b.sql")).toEqual({ type: "mysql", path: "a=b.sql" });
    expect(() => parseSourceRulesSpec("http=x.json")).toThrow(
      /rules can be given for mysql, postgresql, redis, mongodb, built_in_database; not 'http'/,
    );
    expect(() => parseSourceRulesSpec("mysql=")).toThrow(/expected TYPE=FILE/);
    expect(() => parseSourceRulesSpec("seed.sql")).toThrow(/expected TYPE=FILE/);
  });
});

describe("importSourceRules", () => {
  it("SQL rows keep their order and their row numbers", () => {
    const seed = mysqlSeed([
      ["u1", null, "deny", "publish", "a/secret"],
      ["u1", null, "allow", "all", "a/#"],
    ]);
    const r = importSourceRules({ type: "mysql", path: "s.sql" }, bytes(seed), "v5");
    expect(r.rowOf).toEqual([0, 1]);
    expect(decide(r.text, { username: "u1", topic: "a/secret" })).toBe("deny 1");
    expect(decide(r.text, { username: "u2", topic: "a/x" })).toBe("nomatch");
  });

  it("a RESP seed: allow rules per user; no no_match rule is appended", () => {
    const seed = resp(["DEL", "mqtt_acl:u:u1"], ["HSET", "mqtt_acl:u:u1", "a/#", "publish", "b/#", "subscribe"]);
    const r = importSourceRules({ type: "redis", path: "s.resp" }, bytes(seed), "v5");
    expect(decide(r.text, { username: "u1", topic: "a/1" })).toBe("allow 1");
    expect(decide(r.text, { username: "u1", topic: "b/1" })).toBe("nomatch");
  });

  it("built-in database REST bodies: client-id rules before username rules before all", () => {
    const calls = [
      {
        method: "POST",
        path: "/api/v5/authorization/sources/built_in_database/rules/users",
        body: [{ username: "u1", rules: [{ permission: "allow", action: "publish", topic: "a/#" }] }],
      },
      {
        method: "POST",
        path: "/api/v5/authorization/sources/built_in_database/rules/clients",
        body: [{ clientid: "c1", rules: [{ permission: "deny", action: "all", topic: "a/#" }] }],
      },
    ];
    const r = importSourceRules({ type: "built_in_database", path: "r.json" }, bytes(JSON.stringify(calls)), "v5");
    expect(decide(r.text, { username: "u1", clientid: "c1", topic: "a/1" })).toBe("deny 1");
    expect(decide(r.text, { username: "u1", clientid: "c2", topic: "a/1" })).toBe("allow 2");
  });

  it("MongoDB documents, and what it refuses", () => {
    const docs = [{ username: "u1", permission: "deny", action: "all", topics: ["x/#"] }];
    expect(
      decide(importSourceRules({ type: "mongodb", path: "d.json" }, bytes(JSON.stringify(docs)), "v5").text, {
        username: "u1",
        topic: "x/y",
      }),
    ).toBe("deny 1");
    expect(() => importSourceRules({ type: "mongodb", path: "d.json" }, bytes("{"), "v5")).toThrow(
      /^d\.json: not JSON/,
    );
    expect(() => importSourceRules({ type: "mongodb", path: "d.json" }, bytes("{}"), "v5")).toThrow(
      /expected a JSON array/,
    );
    expect(() => importSourceRules({ type: "built_in_database", path: "r.json" }, bytes("[]"), "v4")).toThrow(
      /for EMQX 5\/6 only/,
    );
    expect(() => importSourceRules({ type: "mysql", path: "s.sql" }, bytes("select 1;"), "v5")).toThrow(
      /^s\.sql: no table mqtt_acl/,
    );
  });
});
