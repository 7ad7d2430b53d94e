import type { Diagnostic } from "@emqx-acl/syntax";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { fixAllEdits } from "./fix-all";

const at = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});
const diag = (
  id: string,
  term: number | null,
  edits: { line: number; from: number; to: number; newText: string }[],
): Diagnostic => ({
  id,
  severity: "warning",
  message: id,
  term,
  range: at(edits[0]?.line ?? 0, 0, 1),
  fix: { title: id, edits: edits.map((e) => ({ range: at(e.line, e.from, e.to), newText: e.newText })) },
});

describe("fixAllEdits", () => {
  it("keeps every edit that does not overlap an earlier one", () => {
    const a = diag("regex-unanchored", 1, [{ line: 0, from: 2, to: 5, newText: "x" }]);
    const b = diag("regex-unanchored", 1, [{ line: 0, from: 4, to: 6, newText: "y" }]);
    const c = diag("regex-unanchored", 2, [{ line: 1, from: 2, to: 5, newText: "z" }]);
    expect(fixAllEdits([a, b, c]).map((e) => e.newText)).toEqual(["x", "z"]);
  });

  it("removes at most one rule at a time: two identical rules are each removable, not both", () => {
    const text = '{allow, {username, "a"}, publish, ["t"]}.\n{allow, {username, "a"}, publish, ["t"]}.\n{deny, all}.\n';
    const { diagnostics } = analyzeDocument(text, { dialect: "v5" });
    const removals = diagnostics.filter((d) => d.fix && d.fix.edits.every((e) => e.newText === ""));
    expect(removals.length).toBe(2);
    const edits = fixAllEdits(diagnostics);
    expect(edits).toHaveLength(1);
    expect(edits[0]).toBe(removals[0].fix!.edits[0]);
  });
});
