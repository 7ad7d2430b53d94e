import { describe, expect, it } from "vitest";
import type { Diagnostic } from "@emqx-acl/syntax";
import { toLspDiagnostic } from "./convert";

const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 9 } };

describe("toLspDiagnostic", () => {
  it("data holds the term and nothing else when there is no fix (it is sent for every diagnostic, every keystroke)", () => {
    const d: Diagnostic = { id: "rule-unreachable", severity: "warning", message: "m", range, term: 2 };
    const lsp = toLspDiagnostic(d, "file:///a.conf");
    expect(lsp.data).toEqual({ term: 2 });
    expect(JSON.stringify(lsp)).not.toContain("null");
    expect(lsp.code).toBe("rule-unreachable");
  });
  it("data holds the term only: fixes are code actions, not published bytes", () => {
    const fix = { title: "Remove", edits: [{ range, newText: "" }] };
    const lsp = toLspDiagnostic(
      { id: "rule-redundant", severity: "warning", message: "m", range, term: 3, fix },
      "file:///a.conf",
    );
    expect(lsp.data).toEqual({ term: 3 });
  });
});
