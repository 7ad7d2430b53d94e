/**
 * Markdown page per audit rule (`docs/rules/<id>.md`, where the CLI reporters' help links
 * point), generated from the rule's metadata so the two never drift apart.
 */
import type { AuditRule } from "./rule";

const VERSION_NAMES = { v4: "EMQX 4", v5: "EMQX 5", v6: "EMQX 6" } as const;

export function renderAuditRuleDoc(rule: AuditRule): string {
  const severities = (Object.keys(VERSION_NAMES) as (keyof typeof VERSION_NAMES)[])
    .map((v) => `${VERSION_NAMES[v]}: ${rule.severity[v]}`)
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
