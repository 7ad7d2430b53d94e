import { describe, expect, it } from "vitest";
import { rawRulesToAcl } from "./docs-import";

describe("rawRulesToAcl (a login ACL's rules list)", () => {
  it("one term per rule, in order, under the header", () => {
    const r = rawRulesToAcl(
      [
        { permission: "allow", action: "publish", topic: "t/${username}", qos: [1], retain: false },
        { permission: "deny", action: "all", topics: ["#"] },
      ],
      "v5",
      ["login ACL"],
    );
    expect(r.errors).toEqual([]);
    expect(r.text).toBe(
      '%% login ACL\n{allow, all, {publish, [{qos, [1]}, {retain, false}]}, ["t/${username}"]}.\n{deny, all, all, ["#"]}.\n',
    );
  });

  it("names the rule EMQX would refuse, and an element that is not an object", () => {
    const r = rawRulesToAcl(
      [{ permission: "allow", action: "pub", topic: "t" }, "t/#", { permission: "maybe" }],
      "v5",
      [],
    );
    expect(r.errors).toEqual([
      "rule 2: invalid_rule: not an object with 'permission' and 'action'",
      'rule 3: invalid_permission: "maybe"',
    ]);
  });
});
