/**
 * The catalogue as text: the docs/rules page of an id (also `emqx-acl rules ID` and the SARIF
 * help markdown), the index page, and the help fields a SARIF reporter wants.
 */
import type { DiagnosticDoc, DiagnosticKind } from "./diagnostic-doc";

const REPORTED_BY: Record<DiagnosticKind, string> = {
  syntax: "every command that reads an acl.conf (Erlang's `file:consult` refuses the file)",
  hocon: "`emqx-acl audit` and `--config` (EMQX's HOCON reader refuses emqx.conf)",
  conf: "`emqx-acl audit` and `--config` (EMQX 4's emqx.conf reader refuses the file)",
  schema: "every command that loads an acl.conf (EMQX's rule compiler refuses the rule)",
  lint: "`emqx-acl lint` and the language server",
  audit: "`emqx-acl audit` (emqx.conf audit)",
  chain: "`emqx-acl analyze` (the authorization chain of emqx.conf)",
};

const KIND_TITLES: [DiagnosticKind, string][] = [
  ["syntax", "acl.conf syntax (file:consult)"],
  ["schema", "acl.conf load errors (EMQX's rule compiler)"],
  ["lint", "Lint rules"],
  ["hocon", "emqx.conf syntax (HOCON, EMQX 5/6)"],
  ["conf", "emqx.conf syntax (EMQX 4)"],
  ["audit", "emqx.conf audit rules"],
  ["chain", "Authorization chain"],
];

const VERSION_NAMES = { v4: "EMQX 4", v5: "EMQX 5", v6: "EMQX 6" } as const;

function severityLine(d: DiagnosticDoc): string {
  if (!d.severityByVersion) return `- **Default severity:** ${d.defaultSeverity}`;
  const per = (Object.keys(VERSION_NAMES) as (keyof typeof VERSION_NAMES)[]).map(
    (v) => `${VERSION_NAMES[v]}: ${d.severityByVersion![v]}`,
  );
  return `- **Severity:** ${per.join(", ")}`;
}

function exampleLines(d: DiagnosticDoc): string[] {
  if (!d.examples) return [];
  const lang = d.kind === "hocon" || d.kind === "conf" || d.kind === "audit" || d.kind === "chain" ? "hocon" : "erlang";
  return [
    "## Example",
    "",
    "Reported:",
    "",
    `\`\`\`${lang}`,
    d.examples.bad,
    "```",
    "",
    "Not reported:",
    "",
    `\`\`\`${lang}`,
    d.examples.good,
    "```",
    "",
  ];
}

function configurationLines(d: DiagnosticDoc): string[] {
  if (d.kind !== "lint") return [];
  return [
    "## Configuration",
    "",
    "Change the severity or turn the rule off in `.emqx-acl.json`:",
    "",
    "```json",
    `{ "rules": { "${d.id}": "off" } }`,
    "```",
    "",
    "or suppress one finding with a comment on the line above the rule:",
    "",
    "```erlang",
    `%% emqx-acl ignore:${d.id}`,
    "```",
    "",
  ];
}

/** The page docs/rules/<id>.md (and `emqx-acl rules <id>`). */
export function renderDiagnosticDoc(d: DiagnosticDoc): string {
  return [
    "<!-- generated from the diagnostic catalogue — do not edit; run: pnpm vitest run packages/cli/src/diagnostic-catalog.test.ts with UPDATE_RULE_DOCS=1 -->",
    `# ${d.id}`,
    "",
    d.summary,
    "",
    `- **Reported by:** ${REPORTED_BY[d.kind]}`,
    ...(d.category ? [`- **Category:** ${d.category}`] : []),
    severityLine(d),
    `- **Dialects:** ${d.dialects ? d.dialects.join(", ") : "v4, v5, v6"}`,
    `- **Automatic fix:** ${d.fixable ? "yes" : "no"}`,
    "",
    "## Why",
    "",
    d.rationale,
    "",
    ...exampleLines(d),
    ...(d.sources ? ["## Sources", "", d.sources, ""] : []),
    ...configurationLines(d),
  ].join("\n");
}

/** The index page docs/rules/README.md: every id, grouped by kind. */
export function renderCatalogIndex(all: readonly DiagnosticDoc[]): string {
  const out = [
    "<!-- generated from the diagnostic catalogue — do not edit -->",
    "# Diagnostics",
    "",
    "Every id emqx-acl can report, with its page.",
    "",
  ];
  for (const [kind, title] of KIND_TITLES) {
    const docs = all.filter((d) => d.kind === kind);
    if (!docs.length) continue;
    out.push(`## ${title}`, "", "| id | default | fix | summary |", "|---|---|---|---|");
    for (const d of docs)
      out.push(
        `| [${d.id}](${d.id}.md) | ${d.defaultSeverity} | ${d.fixable ? "yes" : ""} | ${d.summary.replace(/\|/g, "\\|")} |`,
      );
    out.push("");
  }
  return out.join("\n");
}

/** What a SARIF rule descriptor (or any help link) needs for an id. */
export interface DiagnosticHelp {
  summary: string;
  defaultSeverity: DiagnosticDoc["defaultSeverity"];
  fullDescription: string;
  helpMarkdown: string;
  docsUrl: string;
}

/** Help for one catalogued id. */
export function diagnosticHelp(d: DiagnosticDoc): DiagnosticHelp {
  return {
    summary: d.summary,
    defaultSeverity: d.defaultSeverity,
    fullDescription: d.rationale,
    helpMarkdown: renderDiagnosticDoc(d),
    docsUrl: d.docsUrl,
  };
}
