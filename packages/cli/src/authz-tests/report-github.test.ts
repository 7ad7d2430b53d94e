import { describe, expect, it } from "vitest";
import { reportOf } from "./fixture.test-support";
import { githubReport } from "./report-github";

describe("githubReport", () => {
  it("annotates each failing case at its line, each rule no case reaches, and prints the totals", () => {
    const lines = githubReport(reportOf(), "/repo").trimEnd().split("\n");
    expect(lines).toEqual([
      '::error file=tests.yaml,line=7,col=5,title=emqx-acl test::anyone publishes <public> & "quoted": expected deny, got allow by rule 2 (line 2)',
      "::notice file=acl.conf,line=3,title=emqx-acl coverage::rule 3 (deny) decides no test case",
      "::notice file=acl.conf,line=4,title=emqx-acl coverage::rule 4 (deny) decides no test case",
      "2 cases: 1 passed, 1 failed; coverage 2/4 rules (50.0%)",
    ]);
  });

  it("errors on the acl file below --min-coverage", () => {
    expect(githubReport(reportOf(undefined, undefined, 60), "/repo")).toContain(
      "::error file=acl.conf,title=emqx-acl coverage::coverage 50.0%25 is below --min-coverage 60%25\n",
    );
  });

  it("escapes the message and property values as workflow commands require", () => {
    const tests = 'cases:\n  - name: "100% a,b: c"\n    client: {}\n    publish: x\n    expect: allow\n';
    const out = githubReport(reportOf(undefined, tests), "/repo");
    expect(out).toContain("::100%25 a,b: c: expected allow");
  });
});
