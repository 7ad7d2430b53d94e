/**
 * Our `Diagnostic` → LSP's. `code` is the id, `codeDescription.href` the rule's docs.
 * Nothing else: a 10k-rule file publishes ~9k diagnostics on every keystroke, and every
 * byte is parsed by the editor each time. Fixes are code actions, which the server makes
 * from its own analysis when asked; carried in `data` (with the term number) they were
 * ~12% of those bytes, read by no client.
 */
import { aclDiagnosticCatalog } from "@emqx-acl/analysis";
import { docsUrlFor, type DiagnosticDoc, type Diagnostic, type Severity } from "@emqx-acl/syntax";
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver";

/** The diagnostic catalogue's entry for an id an acl file can have (reader, loader and lint ids). */
export function catalogEntry(id: string): DiagnosticDoc | undefined {
  return aclDiagnosticCatalog.get(id);
}

/** Where the documentation of a diagnostic id lives (the catalogue's one URL scheme). */
export function docsUrl(id: string): string {
  return catalogEntry(id)?.docsUrl ?? docsUrlFor(id);
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspDiagnostic(d: Diagnostic, uri: string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.id,
    codeDescription: { href: docsUrl(d.id) },
    source: "emqx-acl",
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r): DiagnosticRelatedInformation => ({
      location: { uri, range: r.range },
      message: r.message,
    }));
  }
  return out;
}

/** LSP severity → ours (for tests and parity checks). */
export function fromLspSeverity(s: DiagnosticSeverity | undefined): Severity {
  return s === DiagnosticSeverity.Error ? "error" : s === DiagnosticSeverity.Warning ? "warning" : "info";
}
