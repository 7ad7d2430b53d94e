import { describe, expect, it } from "vitest";
import { cidrContains, parseCidr } from "./cidr";
import { parseAddress } from "./inet";

function matches(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr);
  if (!c.ok) throw new Error(c.message);
  const a = parseAddress(ip);
  return a !== null && cidrContains(c.cidr, a);
}

describe("inet:parse_address", () => {
  it("accepts IPv4 short forms", () => {
    expect(parseAddress("10.1")).toMatchObject({ family: 4, value: (10n << 24n) | 1n });
    expect(parseAddress("8")).toMatchObject({ family: 4, value: 8n });
    expect(parseAddress("10.0.0.5")).toEqual({ family: 4, value: 167772165n, v4: 167772165 });
    expect(parseAddress("10.0.0.256")).toBeNull();
    expect(parseAddress(" 10.0.0.5")).toBeNull();
    expect(parseAddress("localhost")).toBeNull();
  });
  it("parses IPv6 with :: and IPv4 tails", () => {
    expect(parseAddress("::1")).toEqual({ family: 6, value: 1n });
    expect(parseAddress("::ffff:10.0.0.5")?.value).toBe((0xffffn << 32n) | (10n << 24n) | 5n);
    expect(parseAddress("1:2:3:4:5:6:7:8")?.family).toBe(6);
    expect(parseAddress("1::2::3")).toBeNull();
  });
});

describe("esockd_cidr", () => {
  it("clears host bits and reads short forms", () => {
    expect(matches("10.0.0.9/24", "10.0.0.200")).toBe(true);
    expect(matches("10.1", "10.0.0.1")).toBe(true);
    expect(matches("10.0.0.0//8", "10.200.0.1")).toBe(true);
    expect(matches("/10.0.0.0/8", "10.200.0.1")).toBe(true);
    expect(matches("10.0.0.0/0", "200.1.1.1")).toBe(true);
  });
  it("has the IPv6 /48 bug and never crosses families", () => {
    expect(matches("2001:db8:abcd::/48", "2001:db8:ffff::1")).toBe(true);
    expect(matches("2001:db8:2::/49", "2001:db8:2:8000::1")).toBe(false);
    expect(matches("10.0.0.0/8", "::ffff:10.0.0.1")).toBe(false);
  });
  it("rejects bad prefixes and addresses", () => {
    expect(parseCidr("10.0.0.0/33").ok).toBe(false);
    expect(parseCidr("10.0.0.0/x").ok).toBe(false);
    expect(parseCidr("localhost").ok).toBe(false);
    expect(parseCidr("1/2/3").ok).toBe(false);
  });
});
