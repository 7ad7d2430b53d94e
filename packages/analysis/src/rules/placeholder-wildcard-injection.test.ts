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
  it("is quiet when the rule's own condition keeps the value free of +, # and /", () => {
    expect(ranges(ID, '{allow, {clientid, {re, "^sensor-[0-9]{1,8}$"}}, publish, ["f/${clientid}/r"]}.\n')).toEqual([]);
    expect(ranges(ID, '{allow, {username, "alice"}, all, ["u/${username}/#"]}.\n')).toEqual([]);
    expect(
      ranges(
        ID,
        '{allow, {\'and\', [{ipaddr, "10.0.0.0/8"}, {clientid, {re, "^[a-z]+$"}}]}, all, ["c/${clientid}"]}.\n',
      ),
    ).toEqual([]);
  });
  it("still reports when the condition admits a widening value or constrains another field", () => {
    // unanchored: "x+" contains "+" and still matches the search for "^sensor-"
    expect(ranges(ID, '{allow, {clientid, {re, "^sensor-"}}, publish, ["f/${clientid}/r"]}.\n')).toEqual(["1:49-1:66"]);
    expect(ranges(ID, '{allow, {username, {re, "^[a-z]+$"}}, publish, ["f/${clientid}/r"]}.\n')).toEqual(["1:49-1:66"]);
    expect(ranges(ID, '{allow, {\'or\', [{clientid, "a"}, all]}, publish, ["f/${clientid}"]}.\n')).toHaveLength(1);
  });
});
