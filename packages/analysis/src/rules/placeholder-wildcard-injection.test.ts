import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "placeholder-wildcard-injection";
void applyFix;
void diags;

describe(ID, () => {
  it("reports client values rendered into v5 allow topics", () => {
    expect(ranges(ID, '{allow, all, all, ["devices/${username}/#"]}.\n')).toEqual(["1:20-1:43"]);
  });
  it("is quiet for v6 (forbidden by default) and deny rules", () => {
    expect(ranges(ID, '{allow, all, all, ["devices/${username}/#"]}.\n', "v6")).toEqual([]);
    expect(ranges(ID, '{deny, all, all, ["devices/${username}/#"]}.\n')).toEqual([]);
  });
});
