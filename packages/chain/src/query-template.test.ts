import { describe, expect, it } from "vitest";
import { parseTemplate, redisCommand, render, splitRedisCommand, sqlStatement, varValue } from "./query-template";
import { req } from "./chain.test-support";

describe("sqlStatement", () => {
  it("turns every placeholder into one bind parameter, in order", () => {
    const q =
      "SELECT permission, action, topic FROM t WHERE username = ${username} AND (clientid = ${clientid} OR ip = ${peerhost})";
    expect(sqlStatement(q, "mysql")).toEqual({
      sql: "SELECT permission, action, topic FROM t WHERE username = ? AND (clientid = ? OR ip = ?)",
      vars: ["username", "clientid", "peerhost"],
    });
    expect(sqlStatement(q, "postgresql").sql).toBe(
      "SELECT permission, action, topic FROM t WHERE username = $1 AND (clientid = $2 OR ip = $3)",
    );
  });

  it("strips double quotes around a placeholder, keeps single quotes (EMQX then binds nothing there)", () => {
    expect(sqlStatement('WHERE u = "${username}"', "mysql").sql).toBe("WHERE u = ?");
    expect(sqlStatement("WHERE u = '${username}'", "postgresql").sql).toBe("WHERE u = '$1'");
  });

  it("refuses names EMQX does not fill, and names a request line does not carry", () => {
    expect(() => sqlStatement("WHERE t = ${topic}", "mysql")).toThrow(/\$\{topic\} is not filled by EMQX in a query/);
    expect(() => sqlStatement("WHERE s = ${cert_subject}", "mysql")).toThrow(/a request line carries no cert_subject/);
  });
});

describe("rendering", () => {
  it("a value the client does not have is the empty string; client_attrs by name", () => {
    const r = req({ clientid: "c", topic: "t", client_attrs: { group: "g1" } });
    expect(varValue("username", r)).toBe("");
    expect(varValue("peerhost", r)).toBe("");
    expect(varValue("client_attrs.group", r)).toBe("g1");
    expect(varValue("client_attrs.other", r)).toBe("");
    expect(render(parseTemplate("k:${client_attrs.group}:${clientid}"), r)).toBe("k:g1:c");
  });

  it("renders text as UTF-8 and values as their bytes", () => {
    expect(render(parseTemplate("é:${username}"), req({ username: "é", topic: "t" }))).toBe("\xc3\xa9:\xc3\xa9");
  });
});

describe("redisCommand", () => {
  it("splits on spaces, quotes group", () => {
    expect(splitRedisCommand(`HGETALL  "a b:\${username}"`)).toEqual(["HGETALL", "a b:${username}"]);
    expect(splitRedisCommand("HGETALL 'x y'z")).toEqual(["HGETALL", "x yz"]);
    expect(() => splitRedisCommand('HGETALL "x')).toThrow(/unbalanced/);
  });

  it("only HGETALL KEY is modelled", () => {
    expect(redisCommand("hgetall mqtt_acl:${username}").map((t) => t.vars)).toEqual([[], ["username"]]);
    expect(() => redisCommand("HMGET k a b")).toThrow(/only HGETALL is modelled/);
    expect(() => redisCommand("GET k")).toThrow(/EMQX accepts only HGETALL key/);
    expect(() => redisCommand("HGETALL a b")).toThrow(/EMQX accepts only HGETALL key/);
  });
});
