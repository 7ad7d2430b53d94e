import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "regex-looks-literal";
void applyFix;
void diags;

describe(ID, () => {
  it("reports a regex without metacharacters", () => {
    expect(ranges(ID, '{allow, {username, {re, "admin"}}, all, ["#"]}.\n')).toEqual(["1:9-1:34"]);
  });
  it("accepts real regexes", () => {
    expect(ranges(ID, '{allow, {username, {re, "^admin$"}}, all, ["#"]}.\n')).toEqual([]);
  });
});
