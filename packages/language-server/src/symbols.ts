/** Document symbols: one per rule, named by its source in short (`allow {username,"u"} publish …`). */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import type { Term, TopLevelForm } from "@emqx-acl/syntax";
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";

const MAX = 80;

function compact(text: string, t: Term): string {
  // only the head of a long term can show in a name of MAX characters
  return text
    .slice(t.start, Math.min(t.end, t.start + 4 * MAX))
    .replace(/%[^\n\r]*/g, "")
    .replace(/\s+/g, " ")
    .replace(/([{[,]) /g, "$1")
    .replace(/ ([}\]])/g, "$1");
}

/** The symbol name of a form: its elements separated by spaces, shortened. */
export function ruleName(text: string, t: Term | null): string {
  if (!t) return "(syntax error)";
  const parts = t.kind === "tuple" ? t.elements.map((e) => compact(text, e)) : [compact(text, t)];
  let name = parts.join(" ");
  if (name.length > MAX) name = `${name.slice(0, MAX - 1)}…`;
  return name;
}

/**
 * Names by form object: the incremental parser keeps the objects of forms an edit did not
 * touch (their text is unchanged), so after a keystroke only the edited form is named again.
 */
const names = new WeakMap<TopLevelForm, string>();

function nameOf(text: string, f: TopLevelForm): string {
  let name = names.get(f);
  if (name === undefined) names.set(f, (name = ruleName(text, f.term)));
  return name;
}

export function provideDocumentSymbols(a: DocumentAnalysis): DocumentSymbol[] {
  const li = a.parse.lineIndex;
  return a.parse.forms.map((f) => {
    const range = li.range(f.start, f.end);
    const t = f.term;
    return {
      name: nameOf(li.text, f) || `#${f.index}`,
      detail: `#${f.index}`,
      kind: SymbolKind.Field,
      range,
      selectionRange:
        t && t.kind === "tuple" && t.elements[0] ? li.range(t.elements[0].start, t.elements[0].end) : range,
    };
  });
}
