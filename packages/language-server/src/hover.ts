/**
 * Hover: on a placeholder, what it renders to; on a diagnostic, the rule's documentation;
 * on a rule, the rule in words plus what the analysis says about it (reachability).
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import type { Diagnostic, Position } from "@emqx-acl/syntax";
import type { Hover } from "vscode-languageserver";
import { catalogEntry, docsUrl } from "./convert";
import { describeRule } from "./describe-rule";
import { formAt, pathAt, ruleByIndex } from "./locate";
import { describeVerdict, knownReachability } from "./reachability";
import { explainPlaceholder, findPlaceholders } from "./placeholders";

const contains = (d: Diagnostic, p: Position): boolean =>
  !(p.line < d.range.start.line || p.line > d.range.end.line) &&
  !(p.line === d.range.start.line && p.character < d.range.start.character) &&
  !(p.line === d.range.end.line && p.character > d.range.end.character);

/** The documentation of a diagnostic id as markdown. */
export function diagnosticDoc(d: Diagnostic): string {
  const e = catalogEntry(d.id);
  const parts = [`**${d.id}** (${d.severity}): ${d.message}`];
  if (e?.summary && e.summary !== d.message) parts.push(e.summary);
  if (e?.rationale) parts.push(e.rationale);
  if (e?.examples)
    parts.push(`Instead of\n\`\`\`erlang\n${e.examples.bad}\n\`\`\`\nwrite\n\`\`\`erlang\n${e.examples.good}\n\`\`\``);
  parts.push(`[Documentation](${docsUrl(d.id)})`);
  return parts.join("\n\n");
}

function placeholderHover(a: DocumentAnalysis, offset: number): Hover | null {
  const form = formAt(a.parse.forms, offset);
  const leaf = pathAt(form?.term ?? null, offset).at(-1);
  if (!leaf || (leaf.kind !== "string" && leaf.kind !== "binary")) return null;
  const text = a.parse.lineIndex.text;
  const hit = findPlaceholders(text.slice(leaf.start, leaf.end), leaf.start).find(
    (p) => offset >= p.start && offset <= p.end,
  );
  if (!hit) return null;
  return {
    contents: { kind: "markdown", value: explainPlaceholder(hit.raw) },
    range: a.parse.lineIndex.range(hit.start, hit.end),
  };
}

/** Hover at a position; null where there is nothing to say. */
export function provideHover(a: DocumentAnalysis, position: Position): Hover | null {
  const li = a.parse.lineIndex;
  const offset = li.offset(position);
  const ph = placeholderHover(a, offset);
  if (ph) return ph;
  const sections: string[] = [];
  const here = a.diagnostics.filter((d) => contains(d, position));
  for (const d of here) sections.push(diagnosticDoc(d));
  const form = formAt(a.parse.forms, offset);
  if (form) {
    const rule = ruleByIndex(a, form.index);
    if (rule) sections.push(describeRule(rule).join("\n"));
    const verdict = knownReachability(a)?.get(form.index);
    if (verdict) sections.push(`Reachability: ${describeVerdict(verdict)}`);
    else if (!here.length) sections.push(`Rule #${form.index}`);
    const about = a.diagnostics.filter((d) => d.term === form.index && !here.includes(d));
    for (const d of about) sections.push(`${d.id}: ${d.message}`);
  }
  if (!sections.length) return null;
  return {
    contents: { kind: "markdown", value: sections.join("\n\n---\n\n") },
    range: form ? li.range(form.start, form.end) : undefined,
  };
}
