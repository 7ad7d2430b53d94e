/** Test helper: the diagnostics one lint rule reports on a text, as compact strings. */
import type { Dialect } from "@emqx-acl/core";
import type { Diagnostic } from "@emqx-acl/syntax";
import { analyzeDocument } from "../analyze-document";

/** `line:col-line:col` (1-based) of every diagnostic `id` reports. */
export function ranges(id: string, text: string, dialect: Dialect = "v5"): string[] {
  return diags(id, text, dialect).map(
    (d) =>
      `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`,
  );
}

/** The diagnostics with the id. */
export function diags(id: string, text: string, dialect: Dialect = "v5"): Diagnostic[] {
  return analyzeDocument(text, { dialect }).diagnostics.filter((d) => d.id === id);
}

/** Applies a diagnostic's fix to the text. */
export function applyFix(text: string, d: Diagnostic): string {
  const lines = text.split("\n");
  const off = (p: { line: number; character: number }) =>
    lines.slice(0, p.line).reduce((a, l) => a + l.length + 1, 0) + p.character;
  const edits = [...(d.fix?.edits ?? [])].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of edits) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
