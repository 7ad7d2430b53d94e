import { describe, expect, it } from "vitest";
import { coverageText, lcovRecord, percentText, type Coverage } from "./coverage";
import { reportOf } from "./fixture.test-support";

describe("coverage", () => {
  it("writes one LCOV record with a DA line per rule line", () => {
    expect(lcovRecord(reportOf().coverage, "etc/acl.conf")).toBe(
      ["TN:", "SF:etc/acl.conf", "DA:1,1", "DA:2,1", "DA:3,0", "DA:4,0", "LF:4", "LH:2", "end_of_record", ""].join(
        "\n",
      ),
    );
  });

  it("adds up rules written on one line (LCOV counts lines)", () => {
    const acl = `{allow, all, publish, ["a"]}. {deny, all}.\n`;
    const tests = "cases:\n  - client: {}\n    publish: a\n    expect: allow\n";
    expect(lcovRecord(reportOf(acl, tests).coverage, "a.conf")).toContain("DA:1,1\nLF:1\nLH:1\n");
  });

  it("lists the rules no case reaches", () => {
    const text = coverageText(reportOf().coverage, "acl.conf");
    expect(text).toBe(
      "coverage: 2/4 rules decided at least one case (50.0%)\n  not reached: rule 3 (acl.conf:3, deny)\n  not reached: rule 4 (acl.conf:4, deny)\n",
    );
  });

  it("never rounds up to 100% while a rule is not reached", () => {
    const c: Coverage = { rules: [], covered: 999, total: 1000, percent: 99.9 + 0.09 };
    expect(percentText(c)).toBe("99.9%");
  });
});
