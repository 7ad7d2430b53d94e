import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "share-prefix-in-rule";
void applyFix;
void diags;

describe(ID, () => {
  it("reports $share and $queue prefixes", () => {
    expect(ranges(ID, '{allow, all, subscribe, ["$share/g/jobs/#", "$queue/q"]}.\n')).toEqual([
      "1:26-1:43",
      "1:45-1:55",
    ]);
  });
  it("accepts ordinary $-topics", () => {
    expect(ranges(ID, '{allow, all, subscribe, ["$SYS/#"]}.\n')).toEqual([]);
  });
});
