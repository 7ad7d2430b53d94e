import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { analyzeDocument } from "../analyze-document";
import { lower } from "@emqx-acl/core";
import { allRules } from "../rules/registry";
import { lintContext, suppressions } from "./run-lint";

const text =
  '{deny, all}.\n%% emqx-acl ignore:rule-unreachable\n{allow, {username, "a"}, all, ["#"]}.\n{allow, {username, "b"}, all, ["#"]}.\n';
const ids = (d: { id: string; range: { start: { line: number } }; severity: string }[]) =>
  d.map((x) => `${x.id}@${x.range.start.line + 1}:${x.severity}`);

describe("lint settings and suppression", () => {
  it("suppresses one finding with an ignore comment on the line above", () => {
    expect(ids(analyzeDocument(text, { dialect: "v5" }).diagnostics)).toEqual([
      "catch-all-not-last@1:warning",
      "rule-unreachable@4:warning",
    ]);
  });

  it("applies per-rule severities and off", () => {
    const d = analyzeDocument(text, {
      dialect: "v5",
      rules: { "rule-unreachable": "info", "catch-all-not-last": "off" },
    }).diagnostics;
    expect(ids(d)).toEqual(["rule-unreachable@4:info"]);
  });

  it("never runs lint rules (nor lets settings hide errors) when EMQX refuses the file", () => {
    const d = analyzeDocument('{allow, all, pubsub, ["#"]}.\n{deny, all}.\n{allow, all}.\n', {
      dialect: "v5",
      rules: { "catch-all-not-last": "warning" },
    }).diagnostics;
    expect(d.map((x) => x.severity)).toEqual(["error"]);
  });

  it("finds each ignore marker's next term (several markers, blank lines, comments between, inside a term, none after)", () => {
    const text = [
      "%% emqx-acl ignore:a", // 1 → term 1
      "%% emqx-acl ignore:b, c", // 2 → term 1
      "",
      "%% a plain comment",
      '{deny, all, publish, ["x"]}.', // term 1
      '{allow, all, publish, ["y"]}. %% emqx-acl ignore:d', // marker after term 2 → term 3
      '{allow, all, publish, ["z"]}.', // term 3
      "%% emqx-acl ignore:e", // → term 4
      '{deny, all, subscribe, ["#"]}.', // term 4
      "{deny, all,", // term 5 …
      "%% emqx-acl ignore:g", // inside term 5: the rest of it stands between, no suppression
      ' publish, ["q"]}.',
      "%% emqx-acl ignore:f", // nothing after: no suppression
    ].join("\n");
    const got = [...suppressions(parseDocument(text))].map(([t, ids]) => [t, [...ids]]);
    expect(got).toEqual([
      [1, ["a", "b", "c"]],
      [3, ["d"]],
      [4, ["e"]],
    ]);
  });
});

describe("the exact checks' state", () => {
  const file =
    '{allow, {username, "a"}, publish, ["t/#"]}.\n{deny, all, publish, ["t/x"]}.\n{allow, {username, "a"}, publish, ["t/y"]}.\n{deny, all}.\n';

  it("only rules marked exactChecks ask redundant or conflicts (lint lets their state go after the last one)", () => {
    const parse = parseDocument(file);
    const { rules } = lower(parse, "v5").ruleSet;
    for (const rule of allRules.filter((r) => !r.exactChecks)) {
      const ctx = lintContext(parse, "v5", rules);
      ctx.redundant = ctx.conflicts = () => {
        throw new Error(`${rule.id} asks an exact check without declaring exactChecks`);
      };
      expect(() => rule.check(ctx)).not.toThrow();
    }
  });

  it("gives the same findings and cuts after release as before", () => {
    const parse = parseDocument(`%% emqx-acl analysis-budget: 3\n${file}`);
    const { rules } = lower(parse, "v5").ruleSet;
    const ctx = lintContext(parse, "v5", rules);
    const verdicts = () => rules.map((r) => [ctx.redundant(r)?.redundant ?? null, ctx.conflicts(r)?.length ?? null]);
    const before = verdicts();
    const cuts = ctx.cutShort();
    expect(cuts.length).toBeGreaterThan(0);
    ctx.release!();
    expect(ctx.cutShort()).toEqual(cuts);
    expect(verdicts()).toEqual(before);
  });
});
