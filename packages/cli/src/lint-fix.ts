/**
 * `lint --fix`: the fixes lint computes (the language server's "Fix all": only fixable lint
 * rules attach one, and only where the fix is safe), applied to the file's text, then lint
 * again until nothing is left to fix. Edits replace ranges of the text, so comments and
 * layout elsewhere are kept as written.
 */
import { fixAllEdits } from "@emqx-acl/analysis";
import { LineIndex, type Diagnostic, type TextEdit } from "@emqx-acl/syntax";

/** Rounds of fixing: a fix may let another appear (ESLint stops at 10 too). */
export const MAX_FIX_PASSES = 10;

/** `text` with non-overlapping `edits` applied (end to start, so offsets stay valid). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const li = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: li.offset(e.range.start), end: li.offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** One pass: the text with every safe fix of `diagnostics` applied, and how many findings that fixes. */
export function fixPass(text: string, diagnostics: readonly Diagnostic[]): { text: string; fixed: number } {
  const edits = fixAllEdits(diagnostics);
  if (edits.length === 0) return { text, fixed: 0 };
  const fixed = diagnostics.filter((d) => d.fix && d.fix.edits.every((e) => edits.includes(e))).length;
  return { text: applyEdits(text, edits), fixed };
}
