import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "rule-conflict";
void applyFix;
void diags;

describe(ID, () => {
  it("reports overlap with an earlier rule of the opposite permission", () => {
    const text = '{allow, all, publish, ["sensors/#"]}.\n{deny, {username, "guest"}, publish, ["sensors/+/cmd", "other"]}.\n';
    expect(ranges(ID, text)).toEqual(["2:1-2:65"]);
    expect(diags(ID, text)[0].severity).toBe("info");
  });
  it("ignores disjoint rules and the final catch-all", () => {
    expect(ranges(ID, '{allow, all, publish, ["a/#"]}.\n{deny, all, publish, ["b/#"]}.\n{deny, all}.\n')).toEqual([]);
  });
});
