import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";

const text = '{deny, all}.\n%% emqx-acl ignore:rule-unreachable\n{allow, {username, "a"}, all, ["#"]}.\n{allow, {username, "b"}, all, ["#"]}.\n';
const ids = (d: { id: string; range: { start: { line: number } }; severity: string }[]) => d.map((x) => `${x.id}@${x.range.start.line + 1}:${x.severity}`);

describe("lint settings and suppression", () => {
  it("suppresses one finding with an ignore comment on the line above", () => {
    expect(ids(analyzeDocument(text, { dialect: "v5" }).diagnostics)).toEqual(["catch-all-not-last@1:warning", "rule-unreachable@4:warning"]);
  });

  it("applies per-rule severities and off", () => {
    const d = analyzeDocument(text, { dialect: "v5", rules: { "rule-unreachable": "info", "catch-all-not-last": "off" } }).diagnostics;
    expect(ids(d)).toEqual(["rule-unreachable@4:info"]);
  });

  it("never runs lint rules (nor lets settings hide errors) when EMQX refuses the file", () => {
    const d = analyzeDocument('{allow, all, pubsub, ["#"]}.\n{deny, all}.\n{allow, all}.\n', { dialect: "v5", rules: { "catch-all-not-last": "warning" } }).diagnostics;
    expect(d.map((x) => x.severity)).toEqual(["error"]);
  });
});
