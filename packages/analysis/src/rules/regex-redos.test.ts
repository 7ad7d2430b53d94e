import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "regex-redos";
void applyFix;
void diags;

describe(ID, () => {
  it("reports nested quantifiers", () => {
    expect(ranges(ID, '{allow, {clientid, {re, "^(a+)+$"}}, all, ["#"]}.\n')).toEqual(["1:9-1:36"]);
  });
  it("reads the parsed pattern: repeated alternatives that match the same text are reported", () => {
    expect(ranges(ID, '{allow, {clientid, {re, "(a|a)*$"}}, all, ["#"]}.\n')).toEqual(["1:9-1:36"]);
    expect(ranges(ID, '{allow, {clientid, {re, "^(a|aa)*b"}}, all, ["#"]}.\n')).toHaveLength(1);
  });
  it("accepts flat patterns", () => {
    expect(ranges(ID, '{allow, {clientid, {re, "^(ab|cd)[0-9]+$"}}, all, ["#"]}.\n')).toEqual([]);
  });
});
