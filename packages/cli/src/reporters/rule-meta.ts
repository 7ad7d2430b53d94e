/**
 * Metadata about a diagnostic id for reporters (SARIF rules, help links), from the
 * diagnostic catalogue (every id emqx-acl emits: reader, loader, lint, emqx.conf readers,
 * audit, chain); an id it does not know (none today: a test checks every id the code
 * emits) keeps the docs URL scheme, a generic description and warning.
 */
import { docsUrlFor, type Severity } from "@emqx-acl/syntax";
import { diagnosticHelp } from "../diagnostic-catalog";

/** Where the project lives; documentation links are made from it. */
export const HOMEPAGE = "https://github.com/emqx-acl/emqx-acl";

export interface RuleMeta {
  id: string;
  /** One line. */
  summary: string;
  /** A paragraph: why it matters (SARIF's fullDescription). */
  description: string;
  /** The id's documentation as Markdown (SARIF's help.markdown). */
  helpMarkdown: string;
  docsUrl: string;
  defaultSeverity: Severity;
}

/** The docs pages start with a "generated from … do not edit" comment: not help text. */
function withoutGeneratedNote(markdown: string): string {
  return markdown.replace(/^<!--[^\n]*-->\n/, "").trim();
}

/** Metadata for `id`, from the catalogue when it knows the id. */
export function ruleMeta(id: string): RuleMeta {
  const help = diagnosticHelp(id);
  if (help) {
    return {
      id,
      summary: help.summary,
      description: help.fullDescription,
      helpMarkdown: withoutGeneratedNote(help.helpMarkdown),
      docsUrl: help.docsUrl,
      defaultSeverity: help.defaultSeverity,
    };
  }
  const docsUrl = docsUrlFor(id);
  const description = "A finding of emqx-acl; the message says what is wrong and how to fix it.";
  return {
    id,
    summary: id,
    description,
    helpMarkdown: `# ${id}\n\n${description}\n\nSee [its page](${docsUrl}).`,
    docsUrl,
    defaultSeverity: "warning",
  };
}
