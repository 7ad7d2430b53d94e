import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "empty-topic-list";
void applyFix;
void diags;

describe(ID, () => {
  it("reports []", () => {
    expect(ranges(ID, '{deny, {username, "guest"}, publish, []}.\n')).toEqual(["1:38-1:40"]);
  });
  it("accepts non-empty lists", () => {
    expect(ranges(ID, '{deny, {username, "guest"}, publish, ["#"]}.\n')).toEqual([]);
  });
});
