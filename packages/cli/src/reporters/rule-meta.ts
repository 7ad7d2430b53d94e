/**
 * Metadata about a diagnostic id for reporters (SARIF rules, help links). The analysis
 * package's `ruleCatalog` is the source when it exports one; ids it does not know (parser
 * and load errors, or a catalogue not written yet) fall back to the id itself.
 */
import * as analysis from "@emqx-acl/analysis";
import type { Severity } from "@emqx-acl/syntax";

/** Where the project lives; documentation links are made from it. */
export const HOMEPAGE = "https://github.com/emqx-acl/emqx-acl";

export interface RuleMeta {
  id: string;
  summary: string;
  docsUrl: string;
  defaultSeverity: Severity;
}

interface CatalogEntry {
  summary?: string;
  docsUrl?: string;
  defaultSeverity?: Severity;
}

type Catalog = { get(id: string): CatalogEntry | undefined };

function catalog(): Catalog | null {
  // looked up by name at run time so the CLI builds (without a bundler warning) whether or
  // not the analysis package exports a catalogue yet
  const candidate = Object.entries(analysis).find(([name]) => name === "ruleCatalog")?.[1];
  return candidate && typeof (candidate as Catalog).get === "function" ? (candidate as Catalog) : null;
}

/** Severity an id has when nothing configures it: parse/load errors are errors. */
function fallbackSeverity(id: string): Severity {
  return id.startsWith("syntax-") || id.startsWith("schema-") ? "error" : "warning";
}

/** Help for ids the catalogue does not know: parse and load errors are explained in the README. */
function fallbackDocs(id: string): string {
  return id.startsWith("syntax-") || id.startsWith("schema-") ? `${HOMEPAGE}/blob/main/README.md#emqx-acl-lint` : `${HOMEPAGE}/blob/main/docs/rules/${id}.md`;
}

/** Metadata for `id`, from the rule catalogue when it knows the id. */
export function ruleMeta(id: string): RuleMeta {
  const entry = catalog()?.get(id);
  return {
    id,
    summary: entry?.summary ?? id,
    docsUrl: entry?.docsUrl ?? fallbackDocs(id),
    defaultSeverity: entry?.defaultSeverity ?? fallbackSeverity(id),
  };
}
