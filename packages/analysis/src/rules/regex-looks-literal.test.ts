import { describe, expect, it } from "vitest";
import { diags, ranges } from "../lint/test-support";

const ID = "regex-looks-literal";

describe(ID, () => {
  it("reports a regex without metacharacters", () => {
    expect(ranges(ID, '{allow, {username, {re, "admin"}}, all, ["#"]}.\n')).toEqual(["1:9-1:34"]);
  });
  it("reads the parsed pattern: escaped and quoted text is plain text, a caseless letter is not", () => {
    const text =
      '{allow, {username, {re, "ops\\\\.team"}}, all, ["#"]}.\n{allow, {clientid, {re, "\\\\Qa.b\\\\E"}}, all, ["#"]}.\n{allow, {username, {re, "(?i)admin"}}, all, ["#"]}.\n';
    expect(diags(ID, text).map((d) => d.term)).toEqual([1, 2]);
    expect(diags(ID, text)[0].message).toContain('containing "ops.team"');
    // one finding per pattern: the unanchored rule leaves plain text to this one
    expect(diags("regex-unanchored", text).map((d) => d.term)).toEqual([3]);
  });
  it("accepts real regexes", () => {
    expect(ranges(ID, '{allow, {username, {re, "^admin$"}}, all, ["#"]}.\n')).toEqual([]);
  });
});
