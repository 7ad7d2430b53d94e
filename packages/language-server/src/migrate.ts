/**
 * EMQX 4 → 5 migration of the rules in the editor: each rule that reads differently in
 * EMQX 4 is rewritten as `compile --to acl` writes it (the acl emitter's `migrateRule`: one
 * implementation), so the editor keeps what the compiler keeps (`#` → `all` for the `$SYS`
 * access EMQX 4's `#` gave, guards that keep a `%u` value one literal level).
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import { collectEvidence, lowerForm, type Rule } from "@emqx-acl/core";
import { migrateRule } from "@emqx-acl/emitters/acl";
import type { TextEdit, TopLevelForm } from "@emqx-acl/syntax";
import { firstFormFrom } from "./locate";

export interface Migration {
  title: string;
  term: number;
  edit: TextEdit;
  /** EMQX 5 refuses the rule as written, or it uses an EMQX 4 placeholder (not just `#`). */
  v4Only: boolean;
}

/** The rule as the emitter writes it for EMQX 5; null when it cannot be written. */
function asV5(rule: Rule | null, dialect: "v4" | "v5"): string | null {
  if (!rule) return null;
  const m = migrateRule(rule, dialect, "v5");
  return "terms" in m ? m.terms.join(".\n") : null;
}

/** The rule's EMQX 5 rewrite, when reading it as EMQX 4 and as EMQX 5 differ. */
function formMigration(a: DocumentAnalysis, form: TopLevelForm): Migration | null {
  if (!form.term) return null;
  const rule = lowerForm(form, "v4").rule;
  const migrated = asV5(rule, "v4");
  const asIs = asV5(lowerForm(form, "v5").rule, "v5");
  if (migrated === null || migrated === asIs) return null;
  const template = rule!.topics.kind === "list" && rule!.topics.items.some((t) => t.kind === "level-template");
  return {
    title: `Migrate rule #${form.index} to EMQX 5 (as compile --to acl writes it)`,
    term: form.index,
    edit: { range: a.parse.lineIndex.range(form.term.start, form.term.end), newText: migrated },
    v4Only: asIs === null || template,
  };
}

/** The rewrites of the rules between two offsets (what a cursor's quick fixes need: a form or two, not the file). */
export function migrationsBetween(a: DocumentAnalysis, start: number, end: number): Migration[] {
  const out: Migration[] = [];
  const forms = a.parse.forms;
  for (let k = firstFormFrom(forms, start); k < forms.length && forms[k].start <= end; k++) {
    const m = formMigration(a, forms[k]);
    if (m) out.push(m);
  }
  return out;
}

/**
 * Whether any rule can be EMQX 4's only: one EMQX 5 refuses, or one with a `%u`/`%c` level
 * (the `auto` dialect's evidence). Cheap: a 10k-rule EMQX 5 file need not be migrated rule by rule to say no.
 */
function mayHoldV4Rules(a: DocumentAnalysis): boolean {
  return (
    a.diagnostics.some((d) => d.severity === "error" && d.id.startsWith("schema-")) ||
    collectEvidence(a.parse.forms).v4.length > 0
  );
}

const cache = new WeakMap<DocumentAnalysis, Migration[]>();

/** Every rule with its EMQX 5 rewrite, in source order, when the file holds an EMQX 4-only rule; else none. */
export function v4Migrations(a: DocumentAnalysis): Migration[] {
  let out = cache.get(a);
  if (!out) {
    out = mayHoldV4Rules(a) ? migrationsBetween(a, 0, a.parse.lineIndex.text.length) : [];
    if (!out.some((m) => m.v4Only)) out = [];
    cache.set(a, out);
  }
  return out;
}
