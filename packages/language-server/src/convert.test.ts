import { describe, expect, it } from "vitest";
import type { Diagnostic } from "@emqx-acl/syntax";
import { toLspDiagnostic } from "./convert";

const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } };

describe("toLspDiagnostic", () => {
  it("holds what an editor shows and nothing else (it is sent for every diagnostic, every keystroke)", () => {
    const d: Diagnostic = { id: "rule-unreachable", severity: "warning", message: "m", range, term: 2 };
    const lsp = toLspDiagnostic(d, "file:///a.conf");
    expect(Object.keys(lsp).sort()).toEqual(["code", "codeDescription", "message", "range", "severity", "source"]);
    expect(lsp.code).toBe("rule-unreachable");
    expect(lsp.codeDescription?.href).toMatch(/rule-unreachable/);
  });
  it("no data, even with a fix: fixes are code actions, not published bytes", () => {
    const fix = { title: "Remove", edits: [{ range, newText: "" }] };
    const lsp = toLspDiagnostic(
      { id: "rule-redundant", severity: "warning", message: "m", range, term: 3, fix },
      "file:///a.conf",
    );
    expect(lsp.data).toBeUndefined();
    expect(JSON.stringify(lsp)).not.toContain("Remove");
  });
  it("related locations in the same document", () => {
    const lsp = toLspDiagnostic(
      { id: "rule-unreachable", severity: "warning", message: "m", range, term: 3, related: [{ range, message: "r" }] },
      "file:///a.conf",
    );
    expect(lsp.relatedInformation).toEqual([{ location: { uri: "file:///a.conf", range }, message: "r" }]);
  });
});
