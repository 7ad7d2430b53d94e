import { describe, expect, it } from "vitest";
import { lower } from "@emqx-acl/core";
import { parseDocument } from "@emqx-acl/syntax";
import { rule } from "../testing/build-rules";
import { staticPrefix } from "./topic-index";

const items = (topics: string[]) => {
  const r = rule(1, "allow", "all", "all", topics, "v5");
  return r.topics.kind === "list" ? r.topics.items : [];
};

describe("staticPrefix", () => {
  it("is the literal words before the first wildcard or placeholder", () => {
    expect(items(["a/b/+/c"]).map(staticPrefix)).toEqual([["a", "b"]]);
    expect(items(["eq a/+"]).map(staticPrefix)).toEqual([["a", "+"]]);
    expect(items(["a/x${clientid}/b"]).map(staticPrefix)).toEqual([["a"]]);
    expect(items(["#"]).map(staticPrefix)).toEqual([[]]);
  });

  it("rules with the same topic share one prefix array; eq and filter of the same words do not", () => {
    // as lowering gives them: one words array for the same topic text
    const [ra, rb] = lower(
      parseDocument(`{allow, all, all, ["devices/+/up"]}.\n{deny, all, all, ["devices/+/up"]}.`),
      "v5",
    ).ruleSet.rules;
    const [a] = ra.topics.kind === "list" ? ra.topics.items : [];
    const [b] = rb.topics.kind === "list" ? rb.topics.items : [];
    expect(a).not.toBe(b);
    expect(staticPrefix(a)).toBe(staticPrefix(b));
    const [plain] = items(["a/+"]);
    const [eq] = items(["eq a/+"]);
    expect(staticPrefix(plain)).toEqual(["a"]);
    expect(staticPrefix(eq)).toEqual(["a", "+"]);
  });
});
