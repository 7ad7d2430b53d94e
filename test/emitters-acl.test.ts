/**
 * acl.conf of another EMQX version: every conformance case is converted to every other
 * version; each converted file must load there and, when nothing was refused, decide every
 * request as the original did (EMQX 4's `$delayed` topics are left out: EMQX 5+ strips that
 * prefix before any rule is consulted, a broker difference no rule can undo).
 */
import { decideLinear, type Dialect } from "../packages/core/src/index";
import { aclEmitter } from "../packages/emitters/src/index";
import { describe, expect, it } from "vitest";
import { loadCases, show } from "./support/db-cases";
import { loadRuleSet } from "../packages/analysis/src/index";

const cases = loadCases();
const pairs: [Dialect, Dialect][] = [
  ["v4", "v5"],
  ["v4", "v6"],
  ["v5", "v6"],
  ["v6", "v5"],
  ["v5", "v4"],
  ["v6", "v4"],
  ["v5", "v5"],
  ["v4", "v4"],
];

describe("compile --to acl", () => {
  for (const [from, to] of pairs) {
    it(`${from} → ${to}: converted files load and decide like the original`, () => {
      let accepted = 0;
      let compared = 0;
      const bad: string[] = [];
      for (const c of cases.filter((x) => x.dialect === from)) {
        const r = aclEmitter.emit(c.ruleSet.rules, { dialect: from, targetDialect: to, sourceText: c.text });
        const text = r.files[0].content;
        const back = loadRuleSet(text, { dialect: to }).lowered.ruleSet;
        expect(back.loadError, `${c.name} → ${to}:\n${text}`).toBeNull();
        for (const ref of r.refusals) expect(text).toContain(`dropped rule ${ref.rule}:`);
        if (r.refusals.length) continue;
        accepted++;
        c.requests.forEach((req, i) => {
          if (from !== to && (from === "v4" || to === "v4") && req.topic.startsWith("$delayed/")) return;
          compared++;
          const got = decideLinear(back, req);
          if (got.decision !== c.expected[i].decision)
            bad.push(`${c.name} request ${i + 1}: ${from} ${show(c.expected[i])}, ${to} ${show(got)}`);
        });
      }
      expect(bad).toEqual([]);
      expect(accepted).toBeGreaterThan(3);
      console.log(`acl ${from} → ${to}: ${accepted} cases exact, ${compared} decisions equal`);
    });
  }

  it("keeps comments and migrates v4 syntax", () => {
    const src =
      '%% header\n{allow, {user, "u1"}, pubsub, ["t/%u", <<"x">>]}. % tail\n{allow, {user, all}, subscribe, <<"one/#">>}.\n';
    const { ruleSet } = loadRuleSet(src, { dialect: "v4" }).lowered;
    const out = aclEmitter.emit(ruleSet.rules, { dialect: "v4", targetDialect: "v5", sourceText: src }).files[0]
      .content;
    expect(out).toContain("%% header");
    expect(out).toContain("% tail");
    expect(out).toContain('{username, "u1"}');
    expect(out).toContain("${username}");
    expect(out).toContain('{allow, all, subscribe, ["one/#"]}.');
    expect(out).not.toMatch(/pubsub|\{user,/);
  });
});
