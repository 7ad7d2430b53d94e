import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { diags, ranges } from "../lint/test-support";

const ID = "analysis-incomplete";
const RULES = '{allow, {username, "a"}, publish, ["a/#"]}.\n{deny, all, publish, ["a/#"]}.\n{allow, {username, "b"}, publish, ["b/#"]}.\n{deny, all}.\n';

describe(ID, () => {
  it("reports once, at the first rule the budget left out, with the count", () => {
    const text = `%% emqx-acl analysis-budget: 1\n${RULES}`;
    expect(ranges(ID, text)).toEqual(["3:1-3:30"]);
    const [d] = diags(ID, text);
    expect(d.severity).toBe("info");
    expect(d.message).toContain("3 rules were not analysed");
    expect(d.message).toContain("emqx-acl analyze");
  });
  it("never reports an unanalysed rule as unreachable", () => {
    const text = `%% emqx-acl analysis-budget: 1\n${RULES}`;
    const ids = analyzeDocument(text, { dialect: "v5" }).diagnostics.map((d) => d.id);
    expect(ids).not.toContain("rule-unreachable");
    // with the default budget the same file is analysed fully: rule 2 hides nothing, rule 1 is fine
    expect(ranges(ID, RULES)).toEqual([]);
  });
  it("stays quiet when the analysis completes", () => {
    expect(ranges(ID, '{allow, {username, "a"}, all, ["#"]}.\n{deny, all}.\n')).toEqual([]);
  });
});
