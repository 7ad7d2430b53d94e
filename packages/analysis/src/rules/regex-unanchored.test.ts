import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "regex-unanchored";
void applyFix;
void diags;

describe(ID, () => {
  it("reports a regex without ^ and anchors it", () => {
    const text = '{allow, {clientid, {re, "sensor-[0-9]+"}}, publish, ["s/#"]}.\n';
    expect(ranges(ID, text)).toEqual(["1:9-1:42"]);
    expect(applyFix(text, diags(ID, text)[0])).toBe('{allow, {clientid, {re, "^(?:sensor-[0-9]+)$"}}, publish, ["s/#"]}.\n');
  });
  it("looks past (*UTF8)-style start items, and keeps them in front when anchoring", () => {
    expect(ranges(ID, '{allow, {clientid, {re, "(*UTF8)^.$"}}, publish, ["s/#"]}.\n')).toEqual([]);
    const text = '{allow, {clientid, {re, "(*UCP)(?i)\\\\w+"}}, publish, ["s/#"]}.\n';
    expect(applyFix(text, diags(ID, text)[0])).toBe('{allow, {clientid, {re, "(*UCP)(?i)^(?:\\\\w+)$"}}, publish, ["s/#"]}.\n');
  });
  it("accepts ^-anchored and literal-looking patterns (another rule)", () => {
    expect(ranges(ID, '{allow, {clientid, {re, "^sensor-"}}, publish, ["s/#"]}.\n{allow, {username, {re, "admin"}}, all, ["#"]}.\n')).toEqual([]);
  });
});
