import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "cidr-host-bits";
void applyFix;
void diags;

describe(ID, () => {
  it("reports host bits", () => {
    expect(ranges(ID, '{allow, {ipaddr, "10.0.0.9/24"}, all, ["#"]}.\n')).toEqual(["1:9-1:32"]);
  });
  it("reads the address as EMQX does, short forms included (10.0.9 is 10.0.0.9, 10.1 is 10.0.0.1)", () => {
    expect(ranges(ID, '{allow, {ipaddr, "10.0.9/24"}, all, ["#"]}.\n')).toEqual(["1:9-1:30"]);
    expect(ranges(ID, '{allow, {ipaddr, "10.1/16"}, all, ["#"]}.\n')).toEqual(["1:9-1:28"]);
    expect(ranges(ID, '{allow, {ipaddr, "10.0/16"}, all, ["#"]}.\n')).toEqual([]);
  });
  it("accepts network addresses and hosts", () => {
    expect(ranges(ID, '{allow, {ipaddrs, ["10.0.0.0/24", "10.0.0.9"]}, all, ["#"]}.\n')).toEqual([]);
  });
});
