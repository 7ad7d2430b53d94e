import { describe, expect, it } from "vitest";
import { ACL, reportOf } from "./fixture.test-support";

const tests = (cases: string) => `cases:\n${cases}`;

describe("runCases", () => {
  it("passes a case whose decision and deciding rule are as expected, and fails one with another decision", () => {
    const r = reportOf();
    expect(r.results.map((x) => x.failure)).toEqual([null, "expected deny, got allow by rule 2 (line 2)"]);
    expect(r.results[1].actual).toEqual({ decision: "allow", rule: 2 });
  });

  it("fails a case decided as expected but by another rule (number or line)", () => {
    const r = reportOf(
      ACL,
      tests(`  - client: {username: eve}
    subscribe: $SYS/x
    expect: deny
    rule: 4
  - client: {username: eve}
    subscribe: $SYS/x
    expect: deny
    rule: {line: 3}
  - client: {username: eve}
    subscribe: $SYS/x
    expect: deny
    rule: {line: 4}
`),
    );
    expect(r.results.map((x) => x.failure)).toEqual([
      "expected deny by rule 4, got deny by rule 3 (line 3)",
      null,
      "expected deny by the rule on line 4, got deny by rule 3 (line 3)",
    ]);
  });

  it("a rule line anywhere inside a multi-line rule names that rule", () => {
    const acl = `{allow, all, subscribe,\n  ["a/#",\n   "b/#"]}.\n{deny, all}.\n`;
    const r = reportOf(acl, tests(`  - client: {}\n    subscribe: b/1\n    expect: allow\n    rule: {line: 3}\n`));
    expect(r.results[0].failure).toBeNull();
  });

  it("says when the expected rule does not exist", () => {
    const r = reportOf(
      ACL,
      tests(
        `  - client: {}\n    publish: x\n    expect: deny\n    rule: 9\n  - client: {}\n    publish: x\n    expect: deny\n    rule: {line: 7}\n`,
      ),
    );
    expect(r.results.map((x) => x.failure)).toEqual([
      "expected rule 9, but the acl file has 4 rules",
      "expected the rule on line 7, but no rule is written on that line",
    ]);
  });

  it("expects nomatch when no rule matches", () => {
    const r = reportOf(
      `{allow, all, publish, ["a"]}.\n`,
      tests(`  - client: {}\n    publish: b\n    expect: nomatch\n  - client: {}\n    publish: b\n    expect: deny\n`),
    );
    expect(r.results.map((x) => x.failure)).toEqual([null, "expected deny, got nomatch (no rule matched)"]);
  });

  it("counts the cases each rule decided", () => {
    const r = reportOf();
    expect(r.coverage.rules.map((x) => [x.rule, x.hits])).toEqual([
      [1, 1],
      [2, 1],
      [3, 0],
      [4, 0],
    ]);
    expect(r.coverage).toMatchObject({ covered: 2, total: 4, percent: 50 });
  });
});
