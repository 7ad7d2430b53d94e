/**
 * The diagnostic catalogue's entries for what `emqx-acl audit` reports besides the acl
 * file's own ids: the emqx.conf readers' ids, every audit rule, and the audit's file ids.
 */
import { configDiagnosticDocs, docsUrlFor, catalogDoc, type DiagnosticDoc, type Severity } from "@emqx-acl/syntax";
import type { AuditRule } from "./rule";
import { auditRules } from "./rules";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** An audit rule as a catalogue entry; its default severity is the most severe of its versions'. */
export function auditDoc(r: AuditRule): DiagnosticDoc {
  const defaultSeverity = Object.values(r.severity).reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
  const { id, summary, rationale, dialects, examples, sources } = r;
  return {
    id,
    kind: "audit",
    category: "security",
    defaultSeverity,
    severityByVersion: r.severity,
    summary,
    rationale,
    ...(dialects ? { dialects } : {}),
    ...(examples ? { examples } : {}),
    fixable: false,
    sources,
    docsUrl: docsUrlFor(id),
  };
}

/** The audit's own ids that are not rules. */
const fileDocs: DiagnosticDoc[] = [
  catalogDoc("audit", {
    id: "file-refused",
    summary:
      "A file the configuration names (certificate, key, acl file, ssl_dist.conf) was not read: a device, a directory, too large, or not a regular file.",
    rationale:
      "The audit reads only regular files of bounded size; the checks that need this file were skipped, so its absence of findings proves nothing about it.",
    defaultSeverity: "warning",
  }),
  catalogDoc("audit", {
    id: "env-file-unreadable",
    summary: "The env file given to the audit (`--emqx-env`) cannot be read.",
    rationale:
      "Environment overrides (`EMQX_…` variables) change the configuration EMQX runs with; without them the audit would check another configuration than the node's.",
  }),
];

/** Every id `emqx-acl audit` can report that an acl file cannot. */
export const auditDiagnosticDocs: DiagnosticDoc[] = [...configDiagnosticDocs, ...auditRules.map(auditDoc), ...fileDocs];
