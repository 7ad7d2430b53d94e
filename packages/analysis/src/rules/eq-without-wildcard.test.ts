import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "eq-without-wildcard";
void applyFix;
void diags;

describe(ID, () => {
  it("reports eq without wildcard", () => {
    expect(ranges(ID, '{allow, all, publish, [{eq, "status/online"}]}.\n')).toEqual(["1:24-1:45"]);
  });
  it("accepts eq with a wildcard", () => {
    expect(ranges(ID, '{deny, all, subscribe, [{eq, "#"}]}.\n')).toEqual([]);
  });
});
