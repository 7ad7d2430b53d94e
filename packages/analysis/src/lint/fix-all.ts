/**
 * "Fix all": the edits of every diagnostic's fix that do not overlap an earlier one. Only
 * fixable lint rules attach a fix, and only where it is safe on its own; the language
 * server's source action and `lint --fix` apply the same edits.
 */
import type { Diagnostic, Range, TextEdit } from "@emqx-acl/syntax";

const before = (a: Range["start"], b: Range["start"]) =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

/** Whether two ranges share a position (touching counts). */
const rangesOverlap = (a: Range, b: Range): boolean => !before(a.end, b.start) && !before(b.end, a.start);

/** A fix that deletes its rule (an unreachable or redundant one) rather than editing inside it. */
const removesRule = (d: Diagnostic): boolean =>
  d.term !== null && !!d.fix && d.fix.edits.every((e) => e.newText === "");

/**
 * Non-overlapping fixes of every diagnostic, first come first kept, with at most one rule
 * removal: each removal is safe alone, but not two together (of two identical rules each is
 * redundant given the other; removing both changes decisions). Run it again after
 * re-analysing for the next one.
 */
export function fixAllEdits(diags: readonly Diagnostic[]): TextEdit[] {
  const kept: TextEdit[] = [];
  let removed = false;
  for (const d of diags) {
    const edits = d.fix?.edits ?? [];
    if (edits.length === 0 || edits.some((e) => kept.some((k) => rangesOverlap(k.range, e.range)))) continue;
    if (removesRule(d)) {
      if (removed) continue;
      removed = true;
    }
    kept.push(...edits);
  }
  return kept;
}
