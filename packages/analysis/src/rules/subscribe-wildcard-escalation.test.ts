import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "subscribe-wildcard-escalation";
void applyFix;
void diags;

describe(ID, () => {
  it("reports allow-subscribe filters ending in +", () => {
    expect(ranges(ID, '{allow, all, subscribe, ["sensors/+", "a/+/b"]}.\n')).toEqual(["1:26-1:37"]);
  });
  it("ignores publish-only and deny rules", () => {
    expect(ranges(ID, '{allow, all, publish, ["a/+"]}.\n{deny, all, subscribe, ["a/+"]}.\n')).toEqual([]);
  });
});
