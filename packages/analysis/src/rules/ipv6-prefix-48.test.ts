import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "ipv6-prefix-48";
void applyFix;
void diags;

describe(ID, () => {
  it("reports IPv6 /48", () => {
    expect(ranges(ID, '{allow, {ipaddr, "2001:db8:abcd::/48"}, all, ["#"]}.\n')).toEqual(["1:9-1:39"]);
  });
  it("accepts other prefixes", () => {
    expect(ranges(ID, '{allow, {ipaddr, "2001:db8:abcd::/49"}, all, ["#"]}.\n')).toEqual([]);
  });
});
