import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "topic-invalid-filter";
void applyFix;
void diags;

describe(ID, () => {
  it("reports # in the middle and wildcards inside a level", () => {
    expect(ranges(ID, '{allow, all, subscribe, ["a/#/b", "a/b#", "ok/+"]}.\n')).toEqual(["1:26-1:33", "1:35-1:41"]);
  });
  it("accepts valid filters", () => {
    expect(ranges(ID, '{allow, all, subscribe, ["a/+/b", "#", {eq, "a/#"}]}.\n')).toEqual([]);
  });
});
