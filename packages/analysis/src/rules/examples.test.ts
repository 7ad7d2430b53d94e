/**
 * Every lint rule's documented examples say what the rule does (hovers and docs/rules show
 * them): the bad one is reported by the rule, the good one is not, in each EMQX version
 * the rule applies to (EMQX 5 for rules of every version: the examples use its syntax).
 */
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { allRules } from "./registry";

const ids = (text: string, dialect: "v4" | "v5" | "v6") => analyzeDocument(text, { dialect }).diagnostics.map((d) => d.id);

describe("documented rule examples", () => {
  for (const rule of allRules) {
    if (!rule.examples) continue;
    for (const dialect of rule.dialects ?? (["v5"] as const)) {
      it(`${rule.id} (${dialect}): the bad example is reported, the good one is not`, () => {
        expect(ids(rule.examples!.bad, dialect)).toContain(rule.id);
        expect(ids(rule.examples!.good, dialect)).not.toContain(rule.id);
      });
    }
  }

  it("subscribe-wildcard-escalation: an earlier deny of the # form for every client is the fix", () => {
    expect(ids('{deny, all, subscribe, [{eq, "a/#"}]}.\n{allow, all, subscribe, ["a/+"]}.', "v5")).not.toContain("subscribe-wildcard-escalation");
    // a deny of another filter, for some clients only, or after the rule is no fix
    for (const text of [
      '{deny, all, subscribe, [{eq, "b/#"}]}.\n{allow, all, subscribe, ["a/+"]}.',
      '{deny, {username, "u"}, subscribe, [{eq, "a/#"}]}.\n{allow, all, subscribe, ["a/+"]}.',
      '{allow, all, subscribe, ["a/+"]}.\n{deny, all, subscribe, [{eq, "a/#"}]}.',
    ])
      expect(ids(text, "v5")).toContain("subscribe-wildcard-escalation");
  });
});
