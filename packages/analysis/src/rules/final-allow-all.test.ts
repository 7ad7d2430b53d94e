import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "final-allow-all";
void applyFix;
void diags;

describe(ID, () => {
  it("reports a final {allow, all}", () => {
    expect(ranges(ID, '{deny, all, subscribe, ["$SYS/#"]}.\n{allow, all}.\n')).toEqual(["2:1-2:13"]);
  });
  it("accepts a final deny", () => {
    expect(ranges(ID, '{allow, all, publish, ["a"]}.\n{deny, all}.\n')).toEqual([]);
  });
});
