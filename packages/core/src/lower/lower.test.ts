import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "./lower";

const run = (text: string, dialect: "v4" | "v5" | "v6" | "auto") => lower(parseDocument(text), dialect);
const errors = (text: string, dialect: "v4" | "v5" | "v6") =>
  run(text, dialect)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => [d.id, d.term, d.range.start.character]);

describe("lower: load errors", () => {
  it("points at the offending sub-term and reports every bad term, first as loadError", () => {
    const r = run('{allow, all, pubsub, ["a"]}.\n{allow, {group, "g"}, publish, ["a"]}.\n{allow, all}.\n', "v5");
    expect(r.diagnostics.map((d) => [d.id, d.term])).toEqual([
      ["schema-invalid-action", 1],
      ["schema-invalid-condition", 2],
    ]);
    expect(r.diagnostics[0].range.start).toEqual({ line: 0, character: 13 });
    expect(r.diagnostics[0].message).toMatch(/pubsub was removed/);
    expect(r.ruleSet.loadError?.term).toBe(1);
    expect(r.ruleSet.rules).toEqual([]);
  });
  it("knows which version refuses what", () => {
    expect(errors('{allow, {user, all}, publish, ["a"]}.', "v4")).toEqual([]);
    expect(errors('{allow, {user, all}, publish, ["a"]}.', "v5")).toEqual([["schema-invalid-name", 1, 15]]);
    expect(errors('{allow, {user, all}, publish, ["a"]}.', "v6")).toEqual([]);
    expect(errors('{allow, all, publish, ["t/%u"]}.', "v5")).toEqual([]);
    expect(errors('{allow, all, publish, ["主题"]}.', "v4")).toEqual([["schema-invalid-topic", 1, 23]]);
    expect(errors('{allow, all, publish, ["主题"]}.', "v5")).toEqual([]);
    expect(errors('{allow, all, publish, [<<"é">>]}.', "v5")[0][0]).toBe("schema-invalid-topic");
    expect(errors('{allow, all, {publish, [{qos, 3}]}, ["a"]}.', "v5")[0][0]).toBe("schema-invalid-qos");
    expect(errors('{allow, all, {publish, [{retain, 1}]}, ["a"]}.', "v5")[0][0]).toBe("schema-invalid-retain");
    expect(errors('{allow, {ipaddr, "10.0.0.0/33"}, publish, ["a"]}.', "v6")[0][0]).toBe("schema-invalid-cidr");
    expect(errors('{permit, all, publish, ["a"]}.', "v6")[0][0]).toBe("schema-invalid-permission");
    expect(errors("{allow, all, publish}.", "v4")[0][0]).toBe("schema-invalid-rule");
    expect(errors('{allow, {zone, "z"}, publish, ["a"]}.', "v5")[0][0]).toBe("schema-invalid-condition");
    expect(errors('{allow, {zone, "z"}, publish, ["a"]}.', "v6")).toEqual([]);
  });
  it("gives no schema errors when the file does not consult", () => {
    const r = run("{permit, all}.\n{allow, all", "v5");
    expect(r.diagnostics).toEqual([]);
    expect(r.ruleSet.loadError?.term).toBeNull();
  });
});

describe("lower: model", () => {
  it("treats strings and char lists alike and reads eq forms", () => {
    const r = run('{allow, all, publish, [[97,47,98], "", {eq, "a/+"}, "eq b/#", <<"eq c">>]}.', "v5");
    const items = r.ruleSet.rules[0].topics.kind === "list" ? r.ruleSet.rules[0].topics.items : [];
    expect(items.map((t) => [t.kind, t.text])).toEqual([
      ["filter", "a/b"],
      ["filter", ""],
      ["eq", "a/+"],
      ["eq", "b/#"],
      ["eq", "c"],
    ]);
  });
  it("keeps the original text when no allowed placeholder is present", () => {
    const r = run('{allow, all, publish, ["t/${$}{username}", "u/${username}/${foo}"]}.', "v5");
    const t = r.ruleSet.rules[0].topics;
    expect(t.kind === "list" && t.items.map((i) => i.kind)).toEqual(["filter", "text-template"]);
    if (t.kind === "list" && t.items[1].kind === "text-template") {
      expect(t.items[1].parts).toEqual(["u/", { placeholder: "username", raw: "${username}" }, "/${foo}"]);
    }
  });
  it("v4 strings are Latin-1, v5 strings UTF-8", () => {
    const topic = (d: "v4" | "v5") => {
      const t = run('{allow, all, publish, ["t/ü"]}.', d).ruleSet.rules[0].topics;
      return t.kind === "list" ? t.items[0].text : null;
    };
    expect(topic("v4")).toBe("t/\xfc");
    expect(topic("v5")).toBe("t/\xc3\xbc");
  });
});

describe("lower: auto dialect", () => {
  it("infers and explains the dialect", () => {
    expect(run('{allow, {user, all}, pubsub, ["t/%u"]}.', "auto")).toMatchObject({
      dialect: "v4",
      dialectNote: expect.stringMatching(/4\.4/),
    });
    expect(run('{allow, {username, "u"}, all, ["a"]}.', "auto").dialect).toBe("v5");
    expect(run('{allow, {zone, "z"}, all, ["a"]}.', "auto").dialect).toBe("v6");
  });
  it("warns when v4 and v5 syntax are mixed", () => {
    const r = run('{allow, all, pubsub, ["a"]}.\n{allow, {username, "u"}, publish, ["b"]}.', "auto");
    const mixed = r.diagnostics.find((d) => d.id === "dialect-mixed");
    expect(mixed?.severity).toBe("warning");
    expect(mixed?.message).toMatch(/pubsub action.*\{username, …\}/);
  });
});
