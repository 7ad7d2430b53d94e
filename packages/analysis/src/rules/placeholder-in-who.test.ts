import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "placeholder-in-who";
void applyFix;
void diags;

describe(ID, () => {
  it("reports placeholders in who conditions", () => {
    expect(ranges(ID, '{allow, {username, "${clientid}"}, all, ["#"]}.\n')).toEqual(["1:9-1:34"]);
  });
  it("accepts plain values", () => {
    expect(ranges(ID, '{allow, {username, "bob"}, all, ["#"]}.\n')).toEqual([]);
  });
});
