/** Markdown documentation of a lint rule, generated from its metadata (docs/rules/<id>.md). */
import type { RuleMetadata } from "../rules/registry";

/** The docs page for one rule. */
export function renderRuleDoc(m: RuleMetadata): string {
  const lines = [
    `<!-- generated from packages/analysis/src/rules/${m.id}.ts — do not edit; run: pnpm vitest run packages/analysis/src/rules/catalog.test.ts with UPDATE_RULE_DOCS=1 -->`,
    `# ${m.id}`,
    "",
    m.summary,
    "",
    `- **Category:** ${m.category}`,
    `- **Default severity:** ${m.defaultSeverity}`,
    `- **Dialects:** ${m.dialects ? m.dialects.join(", ") : "v4, v5, v6"}`,
    `- **Automatic fix:** ${m.fixable ? "yes" : "no"}`,
    "",
    "## Why",
    "",
    m.rationale,
    "",
    "## Example",
    "",
    "Reported:",
    "",
    "```erlang",
    m.examples.bad,
    "```",
    "",
    "Better:",
    "",
    "```erlang",
    m.examples.good,
    "```",
    "",
    "## Configuration",
    "",
    "Change the severity or turn the rule off in `.emqx-acl.json`:",
    "",
    "```json",
    `{ "rules": { "${m.id}": "off" } }`,
    "```",
    "",
    "or suppress one finding with a comment on the line above the rule:",
    "",
    "```erlang",
    `%% emqx-acl ignore:${m.id}`,
    "```",
    "",
  ];
  return lines.join("\n");
}

/** The index page docs/rules/README.md. */
export function renderRuleIndex(all: RuleMetadata[]): string {
  const rows = all.map((m) => `| [${m.id}](${m.id}.md) | ${m.category} | ${m.defaultSeverity} | ${m.fixable ? "yes" : ""} | ${m.summary.replace(/\|/g, "\\|")} |`);
  return [
    "<!-- generated from the rule catalogue — do not edit -->",
    "# Lint rules",
    "",
    "| id | category | default | fix | summary |",
    "|---|---|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
