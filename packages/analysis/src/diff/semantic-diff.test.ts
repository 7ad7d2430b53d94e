import { describe, expect, it } from "vitest";
import type { Dialect, Rule } from "@emqx-acl/core";
import { analyzeDocument } from "../analyze-document";
import { firstMatch } from "../reachability/concrete";
import { wireToRequest } from "../reachability/reachability";
import { semanticDiff, type SemanticDiff } from "./semantic-diff";

const load = (text: string, dialect: Dialect = "v5"): Rule[] =>
  analyzeDocument(text, { dialect }).lowered.ruleSet.rules;

function diff(a: string, b: string, dialect: Dialect = "v5"): SemanticDiff {
  const oldR = load(a, dialect);
  const newR = load(b, dialect);
  const d = semanticDiff(oldR, newR, dialect);
  // every witness really is decided as claimed by both files
  for (const c of [...d.newlyAllowed, ...d.newlyDenied, ...d.changed]) {
    const req = wireToRequest(c.witness);
    expect(firstMatch(oldR, req, dialect)).toBe(c.from.rule);
    expect(firstMatch(newR, req, dialect)).toBe(c.to.rule);
  }
  return d;
}

const summary = (d: SemanticDiff) => ({
  allowed: d.newlyAllowed.map((c) => `${c.from.decision}${c.from.rule ?? ""}>${c.to.decision}${c.to.rule ?? ""}`),
  denied: d.newlyDenied.map((c) => `${c.from.decision}${c.from.rule ?? ""}>${c.to.decision}${c.to.rule ?? ""}`),
  changed: d.changed.length,
});

describe("semantic diff", () => {
  it("reports nothing for equal files, even rewritten", () => {
    const a = '{allow, {username, "a"}, publish, ["x/#"]}.\n{allow, all, subscribe, ["y"]}.\n{deny, all}.\n';
    const b =
      '%% reordered independent rules, binaries, an or-condition\n{allow, all, subscribe, [<<"y">>]}.\n{allow, {\'or\', [{username, <<"a">>}]}, publish, ["x/#"]}.\n{deny, all}.\n';
    expect(summary(diff(a, b))).toEqual({ allowed: [], denied: [], changed: 0 });
  });

  it("finds what a reorder newly allows", () => {
    const a = '{deny, {username, "guest"}, publish, ["#"]}.\n{allow, all, publish, ["public/#"]}.\n{deny, all}.\n';
    const b = '{allow, all, publish, ["public/#"]}.\n{deny, {username, "guest"}, publish, ["#"]}.\n{deny, all}.\n';
    const d = diff(a, b);
    expect(summary(d)).toEqual({ allowed: ["deny1>allow1"], denied: [], changed: 0 });
    expect(d.newlyAllowed[0].witness).toMatchObject({ username: "guest", action: "publish" });
    expect(d.newlyAllowed[0].witness.topic.startsWith("public")).toBe(true);
  });

  it("finds what narrowing a topic newly denies", () => {
    const a = '{allow, all, publish, ["sensors/#"]}.\n{deny, all}.\n';
    const b = '{allow, all, publish, ["sensors/+/data"]}.\n{deny, all}.\n';
    const d = diff(a, b);
    expect(summary(d)).toEqual({ allowed: [], denied: ["allow1>deny2"], changed: 0 });
    expect(d.newlyDenied[0].witness.topic).not.toMatch(/^sensors\/[^/]+\/data$/);
  });

  it("finds what deleting a deny rule newly allows, and no-match changes", () => {
    const a = '{deny, {ipaddr, "10.0.0.0/8"}, all, ["#"]}.\n{allow, all, all, ["#"]}.\n';
    const b = '{allow, all, all, ["#"]}.\n';
    const d = diff(a, b);
    expect(summary(d).allowed).toEqual(["deny1>allow1"]);
    expect(d.newlyAllowed[0].witness.peerhost).toMatch(/^10\./);
    const c = diff('{deny, all, publish, ["a"]}.\n', '{allow, all, subscribe, ["b"]}.\n');
    expect(summary(c)).toEqual({ allowed: ["nomatch>allow1"], denied: [], changed: 1 });
  });
});
