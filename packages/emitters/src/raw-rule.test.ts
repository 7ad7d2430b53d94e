import { describe, expect, it } from "vitest";
import { rawRuleToTerm, v4RowToTerm } from "./raw-rule";

describe("rawRuleToTerm (emqx_authz_rule_raw:parse_rule/1)", () => {
  it("builds the term EMQX compiles", () => {
    expect(rawRuleToTerm({ permission: "allow", action: "pub", topic: "eq a/#", qos: "0,1", retain: 1 }, "v5")).toEqual(
      {
        ok: true,
        term: '{allow, all, {publish, [{qos, [0, 1]}, {retain, true}]}, [{eq, "a/#"}]}',
      },
    );
  });
  it("reads who keys only in EMQX 6", () => {
    const raw = { permission: "deny", action: "all", topics: ["t"], username_re: "^u", ipaddr: "10.0.0.0/8" };
    expect(rawRuleToTerm(raw, "v5")).toEqual({ ok: true, term: '{deny, all, all, ["t"]}' });
    expect(rawRuleToTerm(raw, "v6")).toEqual({
      ok: true,
      term: '{deny, {\'and\', [{ipaddr, "10.0.0.0/8"}, {username, {re, "^u"}}]}, all, ["t"]}',
    });
  });
  it("rejects what EMQX rejects", () => {
    expect(rawRuleToTerm({ permission: "ALLOW", action: "all", topic: "t" }, "v5").ok).toBe(false);
    expect(rawRuleToTerm({ permission: "allow", action: "all", topic: "t", qos: "0, 1" }, "v5").ok).toBe(false);
    expect(rawRuleToTerm({ permission: "allow", action: "all", topic: "t", retain: 2 }, "v5").ok).toBe(false);
    expect(rawRuleToTerm({ permission: "allow", action: "all" }, "v5").ok).toBe(false);
    expect(rawRuleToTerm({ permission: "allow", action: "all", topic: "t", username_re: null }, "v6").ok).toBe(false);
  });
});

describe("v4RowToTerm", () => {
  it("$all, AND-ed columns, eq prefix", () => {
    expect(v4RowToTerm([1, null, "$all", "c", 3, "#"])).toEqual({ ok: true, term: '{allow, all, pubsub, ["#"]}' });
    expect(v4RowToTerm(["0", "10.0.0.0/8", "u", "", 1, "eq t/#"])).toEqual({
      ok: true,
      term: '{deny, {\'and\', [{ipaddr, "10.0.0.0/8"}, {user, "u"}]}, subscribe, [{eq, "t/#"}]}',
    });
    expect(v4RowToTerm([1, null, null, null, 2, "t"]).ok).toBe(false);
    expect(v4RowToTerm([null, null, "u", null, 2, "t"]).ok).toBe(false);
  });
});
