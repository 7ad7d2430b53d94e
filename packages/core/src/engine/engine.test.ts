import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "../lower/lower";
import { compileDecider } from "./compile-decider";
import { decideLinear } from "./decide-linear";
import { explainRequest } from "./explain";
import type { Request } from "../model/request";
import { fromWire, WireError } from "../model/from-wire";

const rules = (text: string, d: "v4" | "v5" | "v6") => lower(parseDocument(text), d).ruleSet;
const req = (o: Partial<Request>): Request => ({
  username: "u1",
  clientid: "c1",
  peerhost: "10.0.0.5",
  zone: "default",
  listener: "tcp:default",
  cert_common_name: null,
  client_attrs: {},
  action: "publish",
  qos: 0,
  retain: false,
  topic: "t",
  ...o,
});

describe("engine", () => {
  it("a regex whose answer hangs on PCRE's start-of-match optimisations: exact where they agree, unknown where not", () => {
    // (?=a)\w*a: PCRE asserts the first `a` and then wants a required `a` after it (measured
    // with OTP 25: no match in "a", a match in "aa"); "b" holds no `a` at all
    const text = '{allow, {username, {re, "(?=a)\\\\w*a"}}, publish, ["t"]}.\n{deny, all}.';
    const { ruleSet, diagnostics } = lower(parseDocument(text), "v5");
    expect(diagnostics.map((w) => [w.id, /for some values/.test(w.message)])).toEqual([["regex-unsupported", true]]);
    const engine = compileDecider(ruleSet);
    for (const decide of [(q: Request) => decideLinear(ruleSet, q), (q: Request) => engine.decide(q)]) {
      expect(decide(req({ username: "aa" }))).toEqual({ decision: "allow", rule: 1 });
      expect(decide(req({ username: "b" }))).toEqual({ decision: "deny", rule: 2 });
      expect(decide(req({ username: "a" })).decision).toBe("unknown");
    }
  });

  it("v6 legacy vs hardened: a missing key skips the filter or denies the rule", () => {
    const rs = rules('{allow, all, all, ["t/${cert_common_name}", "x/#"]}.', "v6");
    expect(decideLinear(rs, req({ topic: "x/1" }))).toEqual({ decision: "allow", rule: 1 });
    expect(decideLinear(rs, req({ topic: "x/1" }), { securityProfile: "hardened" })).toEqual({
      decision: "deny",
      rule: 1,
    });
    expect(compileDecider(rs, { securityProfile: "hardened" }).decide(req({ topic: "x/1" }))).toEqual({
      decision: "deny",
      rule: 1,
    });
  });
  it("v5 renders a missing username as undefined, v6 aborts on + # /", () => {
    const v5 = rules('{allow, all, all, ["u/${username}"]}.', "v5");
    expect(decideLinear(v5, req({ username: null, topic: "u/undefined" }))).toEqual({ decision: "allow", rule: 1 });
    expect(decideLinear(v5, req({ username: "#", topic: "u/a/b" }))).toEqual({ decision: "allow", rule: 1 });
    const v6 = rules('{allow, all, all, ["u/${username}"]}.', "v6");
    expect(decideLinear(v6, req({ username: "#", topic: "u/a/b" }))).toEqual({ decision: "nomatch", rule: null });
  });
  it("v4 whole-level placeholders never inject wildcards", () => {
    const v4 = rules('{allow, all, pubsub, ["u/%u"]}.', "v4");
    expect(decideLinear(v4, req({ username: "+", topic: "u/x" }))).toEqual({ decision: "nomatch", rule: null });
    expect(decideLinear(v4, req({ username: "+", topic: "u/+", action: "subscribe" }))).toEqual({
      decision: "nomatch",
      rule: null,
    });
    expect(decideLinear(v4, req({ topic: "u/u1" }))).toEqual({ decision: "allow", rule: 1 });
  });
  it("denies an invalid $delayed topic before any rule (v5/v6 only)", () => {
    const d = (dialect: "v4" | "v5") => decideLinear(rules("{allow, all}.", dialect), req({ topic: "$delayed/10" }));
    expect(d("v5")).toEqual({ decision: "deny", rule: null, note: "invalid $delayed topic" });
    expect(d("v4")).toEqual({ decision: "allow", rule: 1 });
  });
  it("strips one share prefix (emqx_topic:parse/2); v4 also an $exclusive/ after it", () => {
    const d = (dialect: "v4" | "v5", topic: string) =>
      decideLinear(
        rules('{allow, all, subscribe, ["t"]}.\n{allow, all, subscribe, ["$share/g/t"]}.\n{deny, all}.', dialect),
        req({ action: "subscribe", topic }),
      ).rule;
    expect(d("v4", "$share/g/$exclusive/t")).toBe(1);
    expect(d("v4", "$queue/$exclusive/t")).toBe(1);
    expect(d("v5", "$share/g/$exclusive/t")).toBe(3);
    for (const v of ["v4", "v5"] as const) expect(d(v, "$exclusive/$share/g/t")).toBe(2);
  });
  it("explain gives the first reason per earlier rule, with rendered topics", () => {
    const rs = rules(
      '{allow, all, subscribe, ["a"]}.\n{allow, {username, "x"}, publish, ["a"]}.\n{allow, all, publish, ["t/${clientid}"]}.\n{deny, all}.',
      "v5",
    );
    const e = explainRequest(rs, req({ topic: "t/zz" }));
    expect(e.decision).toEqual({ decision: "deny", rule: 4 });
    expect(e.misses.map((m) => [m.rule, m.reason])).toEqual([
      [1, "action"],
      [2, "who"],
      [3, "topic"],
    ]);
    expect(e.misses[2].topics?.[0].rendered).toBe("t/c1");
    expect(e.misses[0].detail).toBe("the rule covers subscribe only, this is a publish");
    expect(e.misses[1].detail).toBe('username "u1" ≠ "x"');
  });
});

describe("explain: who details", () => {
  it("names the failing part of a condition", () => {
    const rs = rules(
      '{allow, {\'and\', [{clientid, "c1"}, {ipaddr, "10.0.0.0/8"}]}, all, ["t"]}.\n{allow, {\'or\', []}, all, ["t"]}.\n{allow, {username, {re, "^a"}}, {publish, [{qos, 2}]}, ["t"]}.',
      "v5",
    );
    const e = explainRequest(rs, req({ peerhost: "192.168.1.1", username: null }));
    expect(e.misses.map((m) => m.detail)).toEqual([
      "peer 192.168.1.1 is not in 10.0.0.0/8",
      "{'or', []} is always false",
      "QoS 0 is not in the rule's QoS set [2]",
    ]);
  });
});

describe("fromWire", () => {
  it("converts UTF-8 text to byte strings", () => {
    expect(fromWire({ username: "ü", clientid: "c", action: "publish", topic: "t/ü" })).toMatchObject({
      username: "\xc3\xbc",
      topic: "t/\xc3\xbc",
      zone: "default",
      qos: 0,
    });
  });
  it("says which field is wrong", () => {
    expect(() => fromWire({ action: "publish" })).toThrow(/missing field "topic"/);
    expect(() => fromWire({ action: "publish", topic: "t", qos: 3 })).toThrow(/"qos" must be 0, 1 or 2/);
    expect(() => fromWire({ action: "publish", topic: "t", username: 5 })).toThrow(WireError);
    expect(() => fromWire([])).toThrow(/JSON object/);
  });
});
