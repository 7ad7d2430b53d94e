/**
 * Rules guarded by regexes that hinge on lookaheads (anywhere in the pattern) and on `$`
 * before a final newline / `\z` get definite verdicts: reachable with a witness the engine
 * confirms, or unreachable with a cover — never `unknown`.
 */
import { describe, expect, it } from "vitest";
import { decideLinear, fromWire } from "@emqx-acl/core";
import { analyzeDocument } from "../analyze-document";
import { analyzeReachability } from "./reachability";

const FILE = [
  '{allow, {username, {re, "^[a-z]+(?=\\\\d)"}}, publish, ["t"]}.',
  '{deny, {username, {re, "^u(?!admin)"}}, publish, ["t"]}.',
  '{allow, {username, {re, "^u"}}, publish, ["t"]}.',
  '{allow, {username, {re, "^uadmin"}}, publish, ["t"]}.',
  '{deny, {username, {re, "^bob$"}}, publish, ["t"]}.',
  '{allow, {username, {re, "^bob\\\\n?\\\\z"}}, publish, ["t"]}.',
  '{allow, {username, {re, "^bob(?=\\\\n\\\\z)"}}, publish, ["t"]}.',
  '{allow, {clientid, {re, "^c(?!.*x)"}}, publish, ["t"]}.',
  "{deny, all}.",
].join("\n");

describe("regexes with lookaheads and end-of-subject anchors", () => {
  it("get definite verdicts, each confirmed by the engine", () => {
    const ruleSet = analyzeDocument(FILE, { dialect: "v5" }).lowered.ruleSet;
    const res = analyzeReachability(ruleSet.rules, { dialect: "v5" });
    const verdict = res.map((r) => (r.status === "unreachable" ? `U${JSON.stringify(r.coveredBy)}` : r.status));
    // rule 7 (`bob\n` only) is covered by rule 5 or by rule 6 (itself covered): either is a valid cover
    expect(verdict).toEqual([
      "reachable",
      "reachable",
      "reachable",
      "U[3]",
      "reachable",
      "U[5]",
      verdict[6],
      "reachable",
      "reachable",
    ]);
    expect(["U[5]", "U[6]"]).toContain(verdict[6]);
    for (const r of res)
      if (r.status === "reachable")
        expect(
          decideLinear(ruleSet, fromWire(JSON.parse(JSON.stringify(r.witness)))).rule,
          JSON.stringify(r.witness),
        ).toBe(r.rule);
    expect(res[2]).toMatchObject({ witness: { username: "uadmin" } });
  });
});
