import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "rule-redundant";
void applyFix;
void diags;

describe(ID, () => {
  it("reports a rule whose removal changes nothing", () => {
    const text = '{deny, {username, "guest"}, publish, ["#"]}.\n{deny, all, publish, ["#"]}.\n{allow, all}.\n';
    expect(ranges(ID, text)).toEqual(["1:1-1:44"]);
    expect(applyFix(text, diags(ID, text)[0])).toBe('{deny, all, publish, ["#"]}.\n{allow, all}.\n');
  });
  it("keeps an exception that changes decisions", () => {
    expect(ranges(ID, '{deny, {username, "guest"}, publish, ["#"]}.\n{allow, all, publish, ["#"]}.\n')).toEqual([]);
  });
});
