import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "rule-conflict";
void applyFix;
void diags;

describe(ID, () => {
  it("reports overlap with an earlier rule of the opposite permission", () => {
    const text =
      '{allow, all, publish, ["sensors/#"]}.\n{deny, {username, "guest"}, publish, ["sensors/+/cmd", "other"]}.\n';
    expect(ranges(ID, text)).toEqual(["2:1-2:65"]);
    expect(diags(ID, text)[0].severity).toBe("info");
  });
  it("checks files of any size, reporting only the earlier rules of the opposite permission that overlap", () => {
    const users = Array.from(
      { length: 398 },
      (_, i) => `{allow, {username, "u${i}"}, publish, ["t/\${username}/x", "s/${i}"]}.`,
    );
    users.push('{deny, {username, "u7"}, publish, ["s/#"]}.');
    const text = `${users.join("\n")}\n{deny, all}.\n`;
    const [d, ...rest] = diags(ID, text);
    expect(rest).toEqual([]);
    expect(d.range.start.line + 1).toBe(399);
    expect(d.related?.map((r) => r.range.start.line + 1)).toEqual([8]);
  });
  it("names the first five overlapping rules and counts the others", () => {
    const denies = Array.from({ length: 8 }, (_, i) => `{deny, {username, "u${i}"}, publish, ["a/#"]}.`);
    const text = `${denies.join("\n")}\n{allow, all, publish, ["a/b"]}.\n`;
    const [d] = diags(ID, text);
    expect(d.message).toBe(
      "rule 9 (allow) overlaps rule 1 (line 1) (deny), rule 2 (line 2) (deny), rule 3 (line 3) (deny), rule 4 (line 4) (deny), rule 5 (line 5) (deny) and 3 more: for the requests both match, the earlier rule wins",
    );
    expect(d.related).toHaveLength(8);
  });
  it("ignores disjoint rules and the final catch-all", () => {
    expect(ranges(ID, '{allow, all, publish, ["a/#"]}.\n{deny, all, publish, ["b/#"]}.\n{deny, all}.\n')).toEqual([]);
  });
});
