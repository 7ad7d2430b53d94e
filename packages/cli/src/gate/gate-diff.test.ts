import { loadRuleSet } from "@emqx-acl/analysis";
import type { Dialect } from "@emqx-acl/core";
import { describe, expect, it } from "vitest";
import { parseAcceptFile } from "./accept-file";
import { gateDiff } from "./gate-diff";

const OLD = '{deny, {username, "guest"}, publish, ["#"]}.\n{allow, all, publish, ["public/#"]}.\n{deny, all}.\n';
const NEW = '{allow, all, publish, ["public/#"]}.\n{deny, {username, "guest"}, publish, ["#"]}.\n{deny, all}.\n';

function gate(accept: string | null, dialect: Dialect = "v5", oldText = OLD, newText = NEW) {
  const rules = (t: string) => loadRuleSet(t, { dialect }).lowered.ruleSet.rules;
  return gateDiff(
    { oldRules: rules(oldText), newRules: rules(newText), newText, dialect },
    accept === null ? null : parseAcceptFile("accept.yaml", accept),
  );
}

describe("gateDiff", () => {
  it("fails on newly allowed access when nothing is accepted", () => {
    const g = gate(null);
    expect(g.unaccepted).toBe(1);
    expect(g.newlyAllowed[0]).toMatchObject({
      accepted: null,
      from: { decision: "deny", rule: 1 },
      to: { decision: "allow", rule: 1 },
    });
    expect(g.newlyAllowed[0].witness.username).toBe("guest");
  });

  it("accepts what a rule newly allows by its number or by one of its lines", () => {
    expect(gate("accept:\n  - rule: 1\n    reason: public is public\n").unaccepted).toBe(0);
    const g = gate("accept:\n  - line: 1\n    reason: public is public\n");
    expect(g.unaccepted).toBe(0);
    expect(g.newlyAllowed[0].accepted?.reason).toBe("public is public");
    expect(gate("accept:\n  - rule: 2\n    reason: the wrong rule\n").unaccepted).toBe(1);
  });

  it("accepts a region that covers every newly allowed request, and names its entry", () => {
    const g = gate(
      'accept:\n  - rule: 3\n    reason: unrelated\n  - who: {username: guest}\n    action: publish\n    topic: "public/#"\n    reason: guests may publish in public\n',
    );
    expect(g.unaccepted).toBe(0);
    expect(g.newlyAllowed[0].accepted?.n).toBe(2);
  });

  it("keeps a class that a region covers only in part, with a witness outside the region", () => {
    const g = gate('accept:\n  - who: {username: guest}\n    topic: "public/a"\n    reason: just one topic\n');
    expect(g.unaccepted).toBe(1);
    expect(g.newlyAllowed[0].accepted).toBeNull();
    expect(g.newlyAllowed[0].witness.username).toBe("guest");
    expect(g.newlyAllowed[0].witness.topic).not.toBe("public/a");
  });

  it("a region of other clients accepts nothing, and is listed as unused", () => {
    const g = gate(
      'accept:\n  - rule: 1\n    reason: r\n  - who: {username: {re: "^admin"}}\n    topic: "#"\n    reason: admins\n',
    );
    expect(g.unaccepted).toBe(0);
    expect(g.unused.map((e) => e.n)).toEqual([2]);
    expect(gate('accept:\n  - who: {username: {re: "^admin"}}\n    topic: "#"\n    reason: admins\n').unaccepted).toBe(
      1,
    );
  });

  it("reports newly denied access without failing", () => {
    const g = gate(null, "v5", NEW, OLD);
    expect(g.unaccepted).toBe(0);
    expect(g.newlyDenied).toHaveLength(1);
  });

  it("refuses a region EMQX 4.4 cannot express, at the entry's line and column", () => {
    const v4 = (t: string) => t.replaceAll("username", "user");
    expect(() =>
      gate('accept:\n  - who: {username: {re: "^g"}}\n    topic: "#"\n    reason: r\n', "v4", v4(OLD), v4(NEW)),
    ).toThrow(/^accept\.yaml:2:5: accept entry 1: EMQX v4 cannot express this region/);
  });
});
