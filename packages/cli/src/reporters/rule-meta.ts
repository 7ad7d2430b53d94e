/**
 * Metadata about a diagnostic id for reporters (SARIF rules, help links), from the
 * diagnostic catalogue; an id it does not know (none today: a test checks every id the
 * code emits) keeps the docs URL scheme and warning.
 */
import { docsUrlFor, type Severity } from "@emqx-acl/syntax";
import { diagnosticCatalog } from "../diagnostic-catalog";

/** Where the project lives; documentation links are made from it. */
export const HOMEPAGE = "https://github.com/emqx-acl/emqx-acl";

export interface RuleMeta {
  id: string;
  summary: string;
  docsUrl: string;
  defaultSeverity: Severity;
}

/** Metadata for `id`, from the catalogue when it knows the id. */
export function ruleMeta(id: string): RuleMeta {
  const entry = diagnosticCatalog.get(id);
  return { id, summary: entry?.summary ?? id, docsUrl: entry?.docsUrl ?? docsUrlFor(id), defaultSeverity: entry?.defaultSeverity ?? "warning" };
}
