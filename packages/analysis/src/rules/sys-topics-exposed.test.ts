import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "sys-topics-exposed";
void applyFix;
void diags;

describe(ID, () => {
  it("reports $SYS for everyone", () => {
    expect(ranges(ID, '{allow, all, subscribe, ["$SYS/#"]}.\n')).toEqual(["1:26-1:34"]);
  });
  it("reports a leading # in v4, accepts restricted rules", () => {
    expect(ranges(ID, '{allow, all, subscribe, [<<"#">>]}.\n', "v4")).toEqual(["1:26-1:33"]);
    expect(ranges(ID, '{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.\n')).toEqual([]);
  });
});
