import { describe, expect, it } from "vitest";
import { parseWireLine, WireError } from "./from-wire";

const line = (extra: string) => `{"action":"publish","topic":"t"${extra}}`;
const message = (extra: string) => {
  try {
    parseWireLine(line(extra));
  } catch (e) {
    expect(e).toBeInstanceOf(WireError);
    return (e as Error).message;
  }
  throw new Error("no error");
};

describe("a request line's login ACL (acl, acl_expire, now)", () => {
  it("is absent unless the line has acl", () => {
    expect(parseWireLine(line("")).acl).toBeUndefined();
    expect("acl" in parseWireLine(line(""))).toBe(false);
  });

  it("keeps either format as JSON, with the expiry and the time when given", () => {
    const rules = [{ permission: "allow", action: "publish", topic: "t" }];
    expect(parseWireLine(line(`,"acl":${JSON.stringify(rules)}`)).acl).toEqual({ rules });
    expect(parseWireLine(line(`,"acl":{"pub":["a"]},"acl_expire":1700000000,"now":1600000000`)).acl).toEqual({
      rules: { pub: ["a"] },
      expire: 1700000000,
      now: 1600000000,
    });
    // EMQX denies for an expiry that is not a whole number: kept as given
    expect(parseWireLine(line(`,"acl":[],"acl_expire":1.5`)).acl?.expire).toBe(1.5);
  });

  it("refuses a malformed acl, expiry or time with a one-line message naming the field", () => {
    expect(message(`,"acl":"t/#"`)).toBe(
      `"acl" must be a JSON array of rules or a {"pub": [...], "sub": [...], "all": [...]} object, got "t/#"`,
    );
    expect(message(`,"acl":null`)).toMatch(/^"acl" must be a JSON array/);
    expect(message(`,"acl":"${"x".repeat(100)}"`)).toMatch(/got "x{56}\.\.\.$/);
    expect(message(`,"acl":[],"acl_expire":"soon"`)).toBe(`"acl_expire" must be a number (epoch seconds), got "soon"`);
    expect(message(`,"acl":[],"acl_expire":5,"now":1.5`)).toBe(
      `"now" must be a whole number of epoch seconds, got 1.5`,
    );
    expect(message(`,"acl_expire":5`)).toBe(`"acl_expire" needs "acl"`);
    expect(message(`,"acl":[],"now":5`)).toBe(`"now" needs "acl_expire"`);
  });
});
