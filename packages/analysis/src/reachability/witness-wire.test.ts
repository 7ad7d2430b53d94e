/**
 * Witnesses are writable requests: each reported witness, written as JSON and read back the
 * way `emqx-acl check` reads a request, is decided by the rule it witnesses.
 */
import { describe, expect, it } from "vitest";
import { decideLinear, fromWire, type Dialect } from "@emqx-acl/core";
import { analyzeDocument } from "../analyze-document";
import { analyzeReachability, type ReachabilityResult } from "./reachability";

function reach(text: string, dialect: Dialect): { res: ReachabilityResult[]; decide: (json: string) => number | null } {
  const ruleSet = analyzeDocument(Buffer.from(text, "utf8"), { dialect }).lowered.ruleSet;
  const res = analyzeReachability(ruleSet.rules, { dialect });
  return { res, decide: (json) => decideLinear(ruleSet, fromWire(JSON.parse(json))).rule };
}

const FILES = [
  '{allow, {username, {re, "^[а-я]+$"}}, publish, ["t"]}.\n{deny, all}.',
  '{deny, {username, {re, "^[а-я]{2}$"}}, all, ["#"]}.\n{allow, {username, {re, "^[а-яё]+$"}}, publish, ["t/${username}"]}.\n{deny, all}.',
  '{allow, {clientid, {re, "^é"}}, publish, ["t"]}.\n{allow, {username, {re, "[\\\\x80-\\\\xff]{2}"}}, all, ["#"]}.\n{deny, all}.',
  '{allow, {and, [{username, {re, "^Ωμέγα$"}}, {clientid, {re, "^[^a-z0-9]+$"}}]}, subscribe, ["${clientid}/#"]}.\n{deny, all}.',
];

describe("witnesses survive the JSON wire", () => {
  for (const dialect of ["v5", "v6"] as Dialect[])
    FILES.forEach((text, n) =>
      it(`${dialect} file ${n + 1}`, () => {
        const { res, decide } = reach(text, dialect);
        expect(res.filter((r) => r.status === "unknown")).toEqual([]);
        for (const r of res) {
          if (r.status !== "reachable") continue;
          expect(r.note, `rule ${r.rule}`).toBeUndefined();
          expect(decide(JSON.stringify(r.witness)), `rule ${r.rule}: ${JSON.stringify(r.witness)}`).toBe(r.rule);
        }
      }),
    );

  it("a Cyrillic regex is witnessed by a Cyrillic letter, not a lone byte", () => {
    const { res } = reach(FILES[0], "v5");
    expect(res[0]).toMatchObject({ status: "reachable", witness: { username: "а" } });
  });

  it("a language with no UTF-8 member still gets a raw witness, with the note", () => {
    const { res } = reach('{allow, {username, {re, "^[\\\\x80-\\\\xff]$"}}, publish, ["t"]}.\n{deny, all}.', "v5");
    expect(res[0]).toMatchObject({ status: "reachable" });
    expect((res[0] as { note?: string }).note).toBeDefined();
  });
});
