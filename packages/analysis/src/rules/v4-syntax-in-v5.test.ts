import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "v4-syntax-in-v5";
void applyFix;
void diags;

describe(ID, () => {
  it("reports %u / %c levels and rewrites them", () => {
    const text = '{allow, all, publish, ["users/%u/#", "c/%c"]}.\n';
    expect(ranges(ID, text)).toEqual(["1:24-1:36", "1:38-1:44"]);
    const [a, b] = diags(ID, text);
    expect(applyFix(applyFix(text, b), a)).toBe('{allow, all, publish, ["users/${username}/#", "c/${clientid}"]}.\n');
  });
  it("does not apply to v4 files or partial levels", () => {
    expect(ranges(ID, '{allow, all, publish, ["users/%u/#"]}.\n', "v4")).toEqual([]);
    expect(ranges(ID, '{allow, all, publish, ["users/x%u"]}.\n')).toEqual([]);
  });
});
