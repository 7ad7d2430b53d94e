/**
 * Markdown page per audit rule (`docs/rules/<id>.md`, where the CLI reporters' help links
 * point), generated from the rule's metadata so the two never drift apart.
 */
import { capabilities, DIALECTS } from "@emqx-acl/core";
import type { AuditRule } from "./rule";

export function renderAuditRuleDoc(rule: AuditRule): string {
  const severities = DIALECTS
    .map((v) => `EMQX ${capabilities(v).major}: ${rule.severity[v]}`)
    .join(", ");
  return [
    `<!-- generated from packages/audit/src/rules/${rule.id}.ts — do not edit; run: pnpm vitest run packages/audit/src/docs.test.ts with UPDATE_AUDIT_DOCS=1 -->`,
    `# ${rule.id}`,
    "",
    `${rule.summary[0].toUpperCase()}${rule.summary.slice(1)}.`,
    "",
    "- **Reported by:** `emqx-acl audit` (emqx.conf audit)",
    `- **Severity:** ${severities}`,
    "",
    "## Why",
    "",
    rule.rationale,
    "",
    "## Sources",
    "",
    rule.docs,
    "",
  ].join("\n");
}
