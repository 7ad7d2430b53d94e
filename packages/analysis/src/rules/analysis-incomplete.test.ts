import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { diags, ranges } from "../lint/test-support";

const ID = "analysis-incomplete";
const RULES =
  '{allow, {username, "a"}, publish, ["a/#"]}.\n{deny, all, publish, ["a/#"]}.\n{allow, {username, "b"}, publish, ["b/#"]}.\n{deny, all}.\n';

describe(ID, () => {
  it("reports once, at the first rule reachability left out, with the count and the other checks cut", () => {
    const text = `%% emqx-acl analysis-budget: 1\n${RULES}`;
    expect(ranges(ID, text)).toEqual(["3:1-3:30"]);
    const [d] = diags(ID, text);
    expect(d.severity).toBe("info");
    expect(d.message).toContain("3 rules were not analysed");
    expect(d.message).toContain("emqx-acl analyze");
    // redundancy (which also looks at later rules) ran out at rule 1 already
    expect(d.message).toContain("; rule-redundant stopped earlier, from rule 1 on;");
  });
  it("says when redundancy stopped although reachability completed, and reports nothing past it", () => {
    const text =
      '%% emqx-acl analysis-budget: 5\n{allow, {username, "a"}, publish, ["a/#"]}.\n{allow, {username, "b"}, publish, ["b/#"]}.\n{deny, {username, "c"}, publish, ["c/#"]}.\n{deny, all}.\n';
    expect(ranges(ID, text)).toEqual(["4:1-4:42"]);
    expect(diags(ID, text)[0].message).toBe(
      "lint's work budget ran out: rule-redundant stopped from rule 3 on (those rules were not checked for it)",
    );
    // rule 3 is redundant (the final deny decides the same) but was past the budget: no finding
    expect(ranges("rule-redundant", text)).toEqual([]);
    expect(ranges("rule-redundant", text.replace("budget: 5", "budget: 100"))).toEqual(["4:1-4:42"]);
  });
  it("says nothing of checks turned off", () => {
    const text = `%% emqx-acl analysis-budget: 5\n{allow, {username, "a"}, publish, ["a/#"]}.\n{allow, {username, "b"}, publish, ["b/#"]}.\n{allow, {username, "c"}, publish, ["c/#"]}.\n{deny, all}.\n`;
    const off = analyzeDocument(text, { dialect: "v5", rules: { "rule-redundant": "off" } }).diagnostics.filter(
      (d) => d.id === ID,
    );
    expect(off).toEqual([]);
    expect(diags(ID, text)).toHaveLength(1);
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
