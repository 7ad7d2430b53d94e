/** Finding forms and terms at an offset; shared by the features. */
import { ruleNumbered, type DocumentAnalysis } from "@emqx-acl/analysis";
import type { Term, TopLevelForm } from "@emqx-acl/syntax";
import type { Rule } from "@emqx-acl/core";

/** The form whose span holds `offset` (its end inclusive), or null. Binary search. */
export function formAt(forms: readonly TopLevelForm[], offset: number): TopLevelForm | null {
  let lo = 0;
  let hi = forms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = forms[mid];
    if (offset < f.start) hi = mid - 1;
    else if (offset > f.end) lo = mid + 1;
    else return f;
  }
  return null;
}

/** Index of the first form that ends at or after `offset`. */
export function firstFormFrom(forms: readonly TopLevelForm[], offset: number): number {
  let lo = 0;
  let hi = forms.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (forms[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The direct children of a term. */
export function childrenOf(t: Term): Term[] {
  if (t.kind === "tuple") return t.elements;
  if (t.kind === "list") return t.tail ? [...t.elements, t.tail] : t.elements;
  if (t.kind === "map") return t.entries.flatMap((e) => [e.key, e.value]);
  return [];
}

/** Terms holding `offset`, outermost first (empty if none). */
export function pathAt(term: Term | null, offset: number): Term[] {
  const path: Term[] = [];
  let t: Term | undefined = term ?? undefined;
  while (t && offset >= t.start && offset <= t.end) {
    path.push(t);
    t = childrenOf(t).find((c) => offset >= c.start && offset <= c.end);
  }
  return path;
}

/** The rule model of the analysis (empty when the file does not lower). */
export function rulesOf(a: DocumentAnalysis): Rule[] {
  const l = a.lowered as unknown as { rules?: Rule[]; ruleSet?: { rules?: Rule[] } };
  return l?.ruleSet?.rules ?? l?.rules ?? [];
}

/** The rule with 1-based form index `index`, if it lowered. */
export function ruleByIndex(a: DocumentAnalysis, index: number): Rule | undefined {
  return ruleNumbered(rulesOf(a))(index);
}

/** A byte string (one char per byte) shown as UTF-8 text where it decodes. */
export function showBytes(bytes: string): string {
  const buf = Buffer.from(bytes, "latin1");
  const text = buf.toString("utf8");
  return JSON.stringify(Buffer.from(text, "utf8").equals(buf) ? text : bytes);
}
