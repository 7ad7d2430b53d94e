import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "rule-redundant";
void applyFix;
void diags;

describe(ID, () => {
  it("reports a rule whose removal changes nothing", () => {
    const text = '{deny, {username, "guest"}, publish, ["#"]}.\n{deny, all, publish, ["#"]}.\n{allow, all}.\n';
    expect(ranges(ID, text)).toEqual(["1:1-1:44"]);
    expect(applyFix(text, diags(ID, text)[0])).toBe('{deny, all, publish, ["#"]}.\n{allow, all}.\n');
  });
  it("checks files of any size (per-user rules and one redundant deny among 400 rules)", () => {
    const users = Array.from(
      { length: 398 },
      (_, i) => `{allow, {username, "u${i}"}, publish, ["t/\${username}/x", "s/${i}"]}.`,
    );
    users.splice(200, 0, '{deny, {username, "u7"}, subscribe, ["s/7/#"]}.');
    const text = `${users.join("\n")}\n{deny, all}.\n`;
    expect(ranges(ID, text)).toEqual(["201:1-201:47"]);
  });
  it("keeps an exception that changes decisions", () => {
    expect(ranges(ID, '{deny, {username, "guest"}, publish, ["#"]}.\n{allow, all, publish, ["#"]}.\n')).toEqual([]);
  });
});
