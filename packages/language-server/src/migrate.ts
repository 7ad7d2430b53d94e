/**
 * EMQX 4 → 5 migration of the rules in the editor: each rule that reads differently in
 * EMQX 4 is rewritten as `compile --to acl` writes it (the acl emitter's `migrateRule`: one
 * implementation), so the editor keeps what the compiler keeps (`#` → `all` for the `$SYS`
 * access EMQX 4's `#` gave, guards that keep a `%u` value one literal level).
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import { lowerForm } from "@emqx-acl/core";
import { migrateRule } from "@emqx-acl/emitters/acl";
import type { TextEdit, TopLevelForm } from "@emqx-acl/syntax";

export interface Migration {
  title: string;
  term: number;
  edit: TextEdit;
  /** EMQX 5 refuses the rule as written, or it uses an EMQX 4 placeholder (not just `#`). */
  v4Only: boolean;
}

/** The rule as the emitter writes it for EMQX 5 when read as `dialect`; null when it does not load or cannot be written. */
function asV5(form: TopLevelForm, dialect: "v4" | "v5"): string | null {
  const rule = lowerForm(form, dialect).rule;
  if (!rule) return null;
  const m = migrateRule(rule, dialect, "v5");
  return "terms" in m ? m.terms.join(".\n") : null;
}

/** The rule's EMQX 5 rewrite, when reading it as EMQX 4 and as EMQX 5 differ. */
function formMigration(a: DocumentAnalysis, form: TopLevelForm): Migration | null {
  if (!form.term) return null;
  const migrated = asV5(form, "v4");
  const asIs = asV5(form, "v5");
  if (migrated === null || migrated === asIs) return null;
  const rule = lowerForm(form, "v4").rule!;
  const template = rule.topics.kind === "list" && rule.topics.items.some((t) => t.kind === "level-template");
  return {
    title: `Migrate rule #${form.index} to EMQX 5 (as compile --to acl writes it)`,
    term: form.index,
    edit: { range: a.parse.lineIndex.range(form.term.start, form.term.end), newText: migrated },
    v4Only: asIs === null || template,
  };
}

/** Every rule with its EMQX 5 rewrite, in source order. */
export function v4Migrations(a: DocumentAnalysis): Migration[] {
  const out: Migration[] = [];
  for (const f of a.parse.forms) {
    const m = formMigration(a, f);
    if (m) out.push(m);
  }
  return out;
}
