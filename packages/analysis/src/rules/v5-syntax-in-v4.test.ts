import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "v5-syntax-in-v4";
void applyFix;
void diags;

describe(ID, () => {
  it("reports ${…} in v4 topics", () => {
    expect(ranges(ID, '{allow, all, publish, [<<"users/${username}/#">>]}.\n', "v4")).toEqual(["1:24-1:49"]);
  });
  it("accepts %u", () => {
    expect(ranges(ID, '{allow, all, publish, [<<"users/%u/#">>]}.\n', "v4")).toEqual([]);
  });
});
