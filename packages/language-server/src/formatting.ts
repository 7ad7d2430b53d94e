/** Document formatting: the same printer as `emqx-acl fmt`, as one whole-document edit. */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import { formatText } from "@emqx-acl/syntax";
import type { TextEdit } from "vscode-languageserver";

export type FormattingResult = { edits: TextEdit[] } | { error: string };

/** Edits that turn the document into its canonical layout (none if already canonical). */
export function provideFormatting(a: DocumentAnalysis): FormattingResult {
  // verified like `emqx-acl fmt`: the result must parse to the same terms and comments
  const r = formatText(a.parse.text, {}, a.parse);
  if (!r.ok) return { error: r.message };
  if (!r.changed) return { edits: [] };
  const li = a.parse.lineIndex;
  return { edits: [{ range: li.range(0, li.text.length), newText: r.text }] };
}
