import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "rule-unreachable";
void applyFix;
void diags;

describe(ID, () => {
  it("reports a rule covered by the union of earlier rules, with related locations and a fix", () => {
    const text =
      '{allow, {ipaddr, "10.0.0.0/25"}, all, ["#"]}.\n{deny, {ipaddr, "10.0.0.128/25"}, all, ["#"]}.\n{allow, {ipaddr, "10.0.0.0/24"}, publish, ["a"]}.\n{deny, all}.\n';
    expect(ranges(ID, text)).toEqual(["3:1-3:49"]);
    const [d] = diags(ID, text);
    expect(d.related?.map((r) => r.range.start.line)).toEqual([0, 1]);
    expect(applyFix(text, d)).toBe(
      '{allow, {ipaddr, "10.0.0.0/25"}, all, ["#"]}.\n{deny, {ipaddr, "10.0.0.128/25"}, all, ["#"]}.\n{deny, all}.\n',
    );
  });
  it("stays quiet on reachable rules", () => {
    expect(ranges(ID, '{allow, {username, "a"}, all, ["#"]}.\n{deny, all}.\n')).toEqual([]);
  });
});
