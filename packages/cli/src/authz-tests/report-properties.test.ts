/** Property verdicts in every output format. */
import { describe, expect, it } from "vitest";
import { reportOf } from "./fixture.test-support";
import { githubReport } from "./report-github";
import { jsonReport } from "./report-json";
import { junitReport } from "./report-junit";
import { prettyReport } from "./report-pretty";
import { passed } from "./test-report";

// rule 2 lets anyone publish to public/#; rule 1 only lets the dashboard read $SYS
const TESTS = `properties:
  - name: only the dashboard reads $SYS
    never: {action: subscribe, topic: $SYS/#, unless: {username: dashboard}}
  - name: nobody publishes to public
    never: {action: publish, topic: public/#}
`;

describe("property reports", () => {
  const report = reportOf(undefined, TESTS);

  it("proves one property and finds a witness for the other; the run fails", () => {
    expect(report.properties.map((p) => p.verdict.status)).toEqual(["proved", "violated"]);
    expect(passed(report)).toBe(false);
  });

  it("pretty: PROVED / VIOLATED with the witness and the explanation of its decision", () => {
    const text = prettyReport(report);
    expect(text).toContain("PROVED tests.yaml:2:5  only the dashboard reads $SYS\n");
    expect(text).toMatch(
      /VIOLATED tests\.yaml:4:5  nobody publishes to public\n  violated: rule 2 allows publish "public[^"]*" qos \d by (no username|username "[^"]*"), clientid [^\n]*\n    decision: allow by rule 2 \(acl\.conf:2\)/,
    );
    expect(text).toContain("2 properties: 1 proved, 1 violated, 0 unknown\n");
  });

  it("json: status, the witness as a check request, and the decision", () => {
    const doc = JSON.parse(jsonReport(report));
    expect(doc.properties[0]).toEqual({
      file: "tests.yaml",
      line: 2,
      column: 5,
      name: "only the dashboard reads $SYS",
      never: { action: "subscribe", topic: "$SYS/#" },
      status: "proved",
    });
    expect(doc.properties[1]).toMatchObject({
      status: "violated",
      decision: { decision: "allow", rule: 2 },
      witness: { action: "publish" },
    });
    expect(doc.properties[1].witness.topic).toMatch(/^public(\/|$)/);
    expect(doc.summary.properties).toEqual({ proved: 1, violated: 1, unknown: 0 });
  });

  it("junit: one testcase per property, a failure for the violated one", () => {
    const xml = junitReport(report);
    expect(xml).toContain('<testsuites name="emqx-acl test" tests="2" failures="1" errors="0">');
    expect(xml).toContain(
      '<testcase name="property: only the dashboard reads $SYS" classname="tests.yaml" file="tests.yaml" line="2"/>',
    );
    expect(xml).toMatch(
      /<testcase name="property: nobody publishes to public" [^>]*line="4">\n\s*<failure message="violated: rule 2 allows [^"]*" type="property">[^<]*witness: /,
    );
  });

  it("github: an error at the violated property's line", () => {
    expect(githubReport(report, "/repo")).toMatch(
      /^::error file=tests\.yaml,line=4,col=5,title=emqx-acl property::nobody publishes to public: violated: rule 2 allows /m,
    );
    expect(githubReport(report, "/repo")).not.toContain("line=2,col=5");
  });
});
