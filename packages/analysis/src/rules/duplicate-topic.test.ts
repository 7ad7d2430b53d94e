import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "duplicate-topic";
void applyFix;
void diags;

describe(ID, () => {
  it("reports the second occurrence", () => {
    expect(ranges(ID, '{allow, all, publish, ["a/b", "a/c", "a/b"]}.\n')).toEqual(["1:38-1:43"]);
  });
  it("tells eq and plain apart", () => {
    expect(ranges(ID, '{allow, all, publish, ["a/#", {eq, "a/#"}]}.\n')).toEqual([]);
  });
});
