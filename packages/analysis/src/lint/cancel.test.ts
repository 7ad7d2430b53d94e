import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { AnalysisCancelled } from "./cancel";

const text = '{allow, {username, "a"}, publish, ["t/#"]}.\n{deny, {username, "a"}, publish, ["t/1"]}.\n{allow, all}.\n';

describe("cancelling an analysis", () => {
  it("a cancelled token stops the lint with AnalysisCancelled", () => {
    expect(() => analyzeDocument(text, { dialect: "v5", cancel: { cancelled: true } })).toThrow(AnalysisCancelled);
  });
  it("a token never cancelled changes nothing", () => {
    const plain = analyzeDocument(text, { dialect: "v5" }).diagnostics;
    expect(plain.map((d) => d.id)).toContain("rule-unreachable");
    expect(analyzeDocument(text, { dialect: "v5", cancel: { cancelled: false } }).diagnostics).toEqual(plain);
  });
  it("files that do not load are never linted, so there is nothing to cancel", () => {
    expect(analyzeDocument("{allow, all", { dialect: "v5", cancel: { cancelled: true } }).diagnostics[0].id).toMatch(/^syntax-/);
  });
});
