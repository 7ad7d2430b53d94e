import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "glob-in-exact-match";
void applyFix;
void diags;

describe(ID, () => {
  it("reports * in names and topics", () => {
    expect(ranges(ID, '{allow, {clientid, "gw-*"}, publish, ["sensors/*"]}.\n')).toEqual(["1:9-1:27", "1:39-1:50"]);
  });
  it("accepts ordinary names", () => {
    expect(ranges(ID, '{allow, {clientid, "gw-1"}, publish, ["sensors/+"]}.\n')).toEqual([]);
  });
});
