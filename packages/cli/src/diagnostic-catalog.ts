/**
 * The diagnostic catalogue: every id emqx-acl can report (acl reader, loader, lint rules,
 * emqx.conf readers, audit rules, chain), assembled from the packages that emit them.
 * `emqx-acl rules`, the reporters' help links and docs/rules read it.
 */
import { aclDiagnosticCatalog } from "@emqx-acl/analysis";
import { auditDiagnosticDocs } from "@emqx-acl/audit/diagnostics";
import { chainDiagnosticDocs } from "@emqx-acl/chain/diagnostics";
import { diagnosticHelp as helpFor, type DiagnosticDoc, type DiagnosticHelp } from "@emqx-acl/syntax";

/** id → entry, in the order of the docs index. */
export const diagnosticCatalog: ReadonlyMap<string, DiagnosticDoc> = new Map(
  [...aclDiagnosticCatalog.values(), ...auditDiagnosticDocs, ...chainDiagnosticDocs].map((d) => [d.id, d]),
);

/** Summary, full description, help markdown and docs URL of an id (for SARIF rule descriptors); undefined for an id not catalogued. */
export function diagnosticHelp(id: string): DiagnosticHelp | undefined {
  const d = diagnosticCatalog.get(id);
  return d && helpFor(d);
}
