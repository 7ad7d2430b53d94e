import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "../lower/lower";
import type { Request } from "../model/request";
import type { Dialect } from "../model/rule";
import { outcomeDecision } from "./decide";
import { matchRule } from "./match-rule";
import { prepareRequest } from "./prepare";
import { QuickReject } from "./quick-reject";

const RULES = [
  '{allow, all, publish, ["a/#"]}',
  '{allow, all, subscribe, ["a/+", {eq, "b/c"}]}',
  '{allow, all, {publish, [{qos, 1}]}, ["a/b"]}',
  '{allow, all, {publish, [{retain, true}]}, ["a"]}',
  '{allow, all, {publish, [{retain, false}, {qos, [0, 2]}]}, ["#"]}',
  '{allow, all, all, ["+/x"]}',
  '{deny, {username, "u"}, all, ["a/${username}", "b/${clientid}/#"]}',
  '{allow, all, all, ["${username}/x"]}',
  '{allow, all, subscribe, ["$SYS/#"]}',
  '{allow, all, publish, ["a/${cert_common_name}"]}',
  "{allow, all, all, []}",
  "{allow, all}",
  '{allow, {username, {re, "^u(?<=u)"}}, publish, ["a/#"]}',
];
const V4_RULES = [
  '{allow, all, publish, ["a/%u"]}',
  '{allow, all, subscribe, ["%c/x"]}',
  '{allow, {user, "u"}, pubsub, ["a/#", "b"]}',
  "{deny, all}",
];
const TOPICS = [
  "a",
  "a/b",
  "a/u",
  "b/c",
  "b/c1/x",
  "u/x",
  "a+b/x",
  "$SYS/x",
  "x",
  "",
  "#",
  "$share/g/a/b",
  "$delayed/1/b/c",
];
const USERS = [null, "u", "a+b", "a/b"];

function requests(): Request[] {
  const out: Request[] = [];
  for (const topic of TOPICS)
    for (const username of USERS)
      for (const action of ["publish", "subscribe"] as const)
        for (const qos of [0, 1, 2] as const)
          for (const retain of [false, true])
            out.push({
              username,
              clientid: "c1",
              peerhost: null,
              zone: "default",
              listener: "tcp:default",
              cert_common_name: null,
              client_attrs: {},
              action,
              qos,
              retain,
              topic,
            });
  return out;
}

describe("QuickReject", () => {
  const cases: [Dialect, "legacy" | "hardened", string[]][] = [
    ["v4", "legacy", V4_RULES],
    ["v5", "legacy", RULES],
    ["v6", "legacy", RULES],
    ["v6", "hardened", RULES],
  ];
  for (const [dialect, profile, texts] of cases) {
    it(`rejects only rules that decide nothing (${dialect}, ${profile})`, () => {
      const rules = lower(parseDocument(texts.map((t) => `${t}.\n`).join("")), dialect).ruleSet.rules;
      expect(rules.length).toBe(texts.length);
      const opts = { securityProfile: profile };
      const quick = new QuickReject(rules, dialect === "v6" && profile === "hardened");
      let rejected = 0;
      for (const req of requests()) {
        const p = prepareRequest(req, dialect);
        rules.forEach((rule, pos) => {
          if (!quick.rejects(pos, p)) return;
          rejected++;
          expect(
            outcomeDecision(rule, matchRule(rule, p, dialect, opts), opts),
            `${texts[pos]} / ${JSON.stringify(req)}`,
          ).toBeNull();
        });
      }
      expect(rejected).toBeGreaterThan(100);
    });
  }

  it("tells first levels apart beyond the 31 that get a bit of their own", () => {
    const n = 40;
    const rules = lower(
      parseDocument(
        Array.from({ length: n }, (_, i) => `{allow, all, publish, ["l${i}/x", "m${i % 3}/#"]}.\n`).join(""),
      ),
      "v5",
    ).ruleSet.rules;
    const quick = new QuickReject(rules, false);
    for (let m = 0; m < n + 2; m++) {
      const p = prepareRequest({ ...requests()[0], action: "publish", topic: `l${m}/x` }, "v5");
      // never a rule whose level the topic has; always the others when both levels have bits
      rules.forEach((rule, pos) => {
        if (pos === m) expect(quick.rejects(pos, p)).toBe(false);
        if (quick.rejects(pos, p)) expect(outcomeDecision(rule, matchRule(rule, p, "v5", {}), {})).toBeNull();
      });
      expect(rules.filter((_, pos) => !quick.rejects(pos, p)).length).toBeLessThan(n - 20);
    }
    const q = prepareRequest({ ...requests()[0], action: "publish", topic: "m1/y" }, "v5");
    expect(rules.filter((_, pos) => !quick.rejects(pos, q)).length).toBe(rules.filter((_, i) => i % 3 === 1).length);
  });

  it("keeps a template rule that may deny by failing to render (v6 hardened)", () => {
    const rules = lower(parseDocument('{allow, all, publish, ["a/${username}"]}.\n'), "v6").ruleSet.rules;
    const p = prepareRequest({ ...requests()[0], username: "a+b", topic: "zzz" }, "v6");
    expect(new QuickReject(rules, true).rejects(0, p)).toBe(false);
    expect(new QuickReject(rules, false).rejects(0, p)).toBe(true);
  });
});
