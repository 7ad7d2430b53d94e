/**
 * Metadata about a diagnostic id for reporters (SARIF rules, help links): from the lint
 * rule catalogue or the audit rule catalogue, whose docs pages are generated from the same
 * metadata; ids neither knows (parse and load errors, a few load-time findings) get a
 * description of their family and a link to the README.
 */
import { renderRuleDoc, ruleCatalog } from "@emqx-acl/analysis";
import { auditRuleCatalog, renderAuditRuleDoc } from "@emqx-acl/audit";
import type { Severity } from "@emqx-acl/syntax";

/** Where the project lives; documentation links are made from it. */
export const HOMEPAGE = "https://github.com/emqx-acl/emqx-acl";

export interface RuleMeta {
  id: string;
  /** One line. */
  summary: string;
  /** A paragraph: why it matters (SARIF's fullDescription). */
  description: string;
  /** The rule's documentation as Markdown (SARIF's help.markdown). */
  helpMarkdown: string;
  docsUrl: string;
  defaultSeverity: Severity;
}

const SEVERITY_ORDER: Severity[] = ["info", "warning", "error"];

/** The docs pages start with a "generated from … do not edit" comment: not help text. */
function withoutGeneratedNote(markdown: string): string {
  return markdown.replace(/^<!--[^\n]*-->\n/, "").trim();
}

function familyDescription(id: string): string {
  if (id.startsWith("syntax-")) return "Erlang's file:consult cannot read the file here, so EMQX refuses to load it. The message says what is wrong and what to write instead.";
  if (id.startsWith("schema-")) return "EMQX's rule compiler refuses this rule, so EMQX refuses to load the file. The message says what EMQX expects and what it would log.";
  return "A finding of emqx-acl; the message says what is wrong and how to fix it.";
}

/** Metadata for `id`, from the rule catalogues when they know the id. */
export function ruleMeta(id: string): RuleMeta {
  const lint = ruleCatalog.get(id);
  if (lint) {
    return { id, summary: lint.summary, description: lint.rationale, helpMarkdown: withoutGeneratedNote(renderRuleDoc(lint)), docsUrl: lint.docsUrl, defaultSeverity: lint.defaultSeverity };
  }
  const audit = auditRuleCatalog.get(id);
  if (audit) {
    // the severity depends on the EMQX version: the rule's highest one is its default
    const defaultSeverity = Object.values(audit.severity).reduce((a, b) => (SEVERITY_ORDER.indexOf(b) > SEVERITY_ORDER.indexOf(a) ? b : a));
    return { id, summary: audit.summary, description: audit.rationale, helpMarkdown: withoutGeneratedNote(renderAuditRuleDoc(audit)), docsUrl: `${HOMEPAGE}/blob/main/docs/rules/${id}.md`, defaultSeverity };
  }
  const loadError = id.startsWith("syntax-") || id.startsWith("schema-");
  const docsUrl = `${HOMEPAGE}/blob/main/README.md#emqx-acl-lint`;
  const description = familyDescription(id);
  return {
    id,
    summary: id,
    description,
    helpMarkdown: `# ${id}\n\n${description}\n\nSee [the README](${docsUrl}).`,
    docsUrl,
    defaultSeverity: loadError ? "error" : "warning",
  };
}
