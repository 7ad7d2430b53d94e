/**
 * Inlay hints: the rule number EMQX reports (`#3`) before each rule, and after a rule the
 * analysis found unreachable, `unreachable (covered by #1, #2)` from its related locations.
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import type { Range } from "@emqx-acl/syntax";
import { InlayHintKind, type InlayHint } from "vscode-languageserver";
import { isUnreachable } from "./code-actions";
import { firstFormFrom, formAt } from "./locate";
import { describeVerdict, knownReachability } from "./reachability";

/** `unreachable (covered by #1, #2)` for each unreachable rule, by form index. */
export function reachabilityNotes(a: DocumentAnalysis): Map<number, string> {
  const li = a.parse.lineIndex;
  const notes = new Map<number, string>();
  for (const d of a.diagnostics) {
    if (d.term === null || !isUnreachable(d.id)) continue;
    const covering = new Set<number>();
    for (const r of d.related ?? []) {
      const f = formAt(a.parse.forms, li.offset(r.range.start));
      if (f && f.index !== d.term) covering.add(f.index);
    }
    const by = [...covering]
      .sort((x, y) => x - y)
      .map((n) => `#${n}`)
      .join(", ");
    const word = d.id.includes("redundant") ? "redundant" : "unreachable";
    // the most informative note wins: unreachable over redundant, with covering rules over without
    const note = by ? `${word} (covered by ${by})` : word;
    const prev = notes.get(d.term);
    if (!prev || (prev.startsWith("redundant") && word === "unreachable") || (prev === word && by))
      notes.set(d.term, note);
  }
  // verdicts already computed for this version (Show reachability) fill in the rest
  for (const [rule, v] of knownReachability(a) ?? []) {
    if (v.status === "unreachable" && !notes.has(rule)) notes.set(rule, describeVerdict(v));
  }
  return notes;
}

export function provideInlayHints(a: DocumentAnalysis, range: Range): InlayHint[] {
  const li = a.parse.lineIndex;
  const from = li.offset(range.start);
  const to = li.offset(range.end);
  const forms = a.parse.forms;
  const notes = reachabilityNotes(a);
  const out: InlayHint[] = [];
  for (let i = firstFormFrom(forms, from); i < forms.length && forms[i].start <= to; i++) {
    const f = forms[i];
    out.push({
      position: li.position(f.start),
      label: `#${f.index}`,
      kind: InlayHintKind.Parameter,
      paddingRight: true,
    });
    const note = notes.get(f.index);
    if (note) out.push({ position: li.position(f.end), label: note, paddingLeft: true });
  }
  return out;
}
