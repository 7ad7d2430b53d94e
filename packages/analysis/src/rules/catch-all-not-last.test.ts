import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "catch-all-not-last";
void applyFix;
void diags;

describe(ID, () => {
  it("reports a catch-all followed by rules", () => {
    expect(ranges(ID, '{deny, all}.\n{allow, {username, "admin"}, all, ["#"]}.\n')).toEqual(["1:1-1:12"]);
  });
  it("accepts a catch-all at the end, and `#` in v5 (it misses $-topics)", () => {
    expect(ranges(ID, '{allow, {username, "admin"}, all, ["#"]}.\n{deny, all}.\n')).toEqual([]);
    expect(ranges(ID, '{deny, all, all, ["#"]}.\n{allow, all, all, ["$SYS/#"]}.\n')).toEqual([]);
  });
});
