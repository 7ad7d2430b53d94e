// `pnpm new-rule <id> --kind lint|audit [--root DIR]`: writes a new rule's file, its test and
// its example, and registers it. The rule checks nothing yet, so its test (and the
// catalogue's example test) fail until the check is written: the scaffold starts red.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const USAGE = "usage: pnpm new-rule <id> --kind lint|audit [--root DIR]";

/** `kebab-case` → `kebabCase`. */
const camel = (id) => id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

function lintRule(id) {
  return `import { defineRule, type Finding } from "../lint/types";

/** What ${id} reports, in one line. */
export const rule = defineRule({
  id: "${id}",
  category: "correctness",
  defaultSeverity: "warning",
  summary: "One sentence: what is wrong with a rule ${id} reports.",
  rationale: "Why it matters: what EMQX does with such a rule (cite ../shared/spec), and how to write it instead.",
  examples: { bad: '{allow, all, publish, ["${id}/bad"]}.', good: '{allow, all, publish, ["${id}/good"]}.' },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    // the check: for each rule of ctx.rules like the bad example,
    // out.push({ message: "…", start: r.start, end: r.end, term: r.index });
    void ctx;
    return out;
  },
});
`;
}

function lintTest(id) {
  return `import { describe, expect, it } from "vitest";
import { ranges } from "../lint/test-support";
import { rule } from "./${id}";

const ID = "${id}";

describe(ID, () => {
  it("reports the bad example", () => {
    expect(ranges(ID, rule.examples.bad)).not.toEqual([]);
  });
  it("leaves the good example alone", () => {
    expect(ranges(ID, rule.examples.good)).toEqual([]);
  });
});
`;
}

function lintExample(id) {
  return `%% ${id}: the rule must fire here (packages/analysis/src/rules/catalog.test.ts)
{allow, all, publish, ["${id}/bad"]}.
`;
}

function auditRule(id) {
  return `import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";

export const ${camel(id)}: AuditRule = {
  id: "${id}",
  severity: allVersions("warning"),
  summary: "One sentence: what is wrong with a configuration ${id} reports.",
  rationale: "Why it matters: what EMQX does with such a setting, and what to set instead.",
  sources: "cluster-security.md §…; emqx/emqx source of the setting",
  examples: { bad: 'node.cookie = "${id}-bad"', good: 'node.cookie = "${id}-good"', dialects: ["v5", "v6"] },
  check(ctx: AuditContext): Finding[] {
    // the check: ctx.get("a.setting") gives its value and location;
    // return [{ id: this.id, loc: s.loc, message: "…" }] for each problem
    void ctx;
    return [];
  },
};
`;
}

function auditTest(id) {
  return `import { describe, expect, it } from "vitest";
import { auditConfig } from "../audit";
import { nodeAuditFs } from "../node-fs";
import { ${camel(id)} as rule } from "./${id}";

const ids = (text: string, emqx: "v4" | "v5" | "v6") => auditConfig("/nonexistent/etc/emqx.conf", text, nodeAuditFs, { emqx }).files.flatMap((f) => f.diagnostics.map((d) => d.id));

describe(rule.id, () => {
  const emqx = rule.examples!.dialects?.[0] ?? "v5";
  it("reports the bad example", () => {
    expect(ids(rule.examples!.bad, emqx)).toContain(rule.id);
  });
  it("leaves the good example alone", () => {
    expect(ids(rule.examples!.good, emqx)).not.toContain(rule.id);
  });
});
`;
}

/** Inserts `line` after the last line matching `after`, and `entry` before the line matching `before`. */
function register(path, importLine, after, entry, before) {
  const lines = readFileSync(path, "utf8").split("\n");
  const lastImport = lines.reduce((at, l, i) => (after.test(l) ? i : at), -1);
  if (lastImport < 0) throw new Error(`${path}: no import line to follow`);
  lines.splice(lastImport + 1, 0, importLine);
  const at = lines.findIndex((l) => before.test(l));
  if (at < 0) throw new Error(`${path}: no place for the entry`);
  lines.splice(at, 0, entry);
  writeFileSync(path, lines.join("\n"));
}

function write(files) {
  for (const [path] of files) if (existsSync(path)) throw new Error(`${path} exists already`);
  for (const [path, text] of files) writeFileSync(path, text);
}

/** Writes and registers the rule; returns the files written or changed. */
export function newRule(id, kind, root) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)+$/.test(id)) throw new Error(`'${id}' is not a kebab-case id of two or more words`);
  if (kind === "lint") {
    const dir = join(root, "packages/analysis/src/rules");
    const files = [
      [join(dir, `${id}.ts`), lintRule(id)],
      [join(dir, `${id}.test.ts`), lintTest(id)],
      [join(root, "examples/invalid", `${id}.acl.conf`), lintExample(id)],
    ];
    write(files);
    // after the rules that run on everything; analysis-incomplete stays last (it reports the others' budget)
    register(
      join(dir, "registry.ts"),
      `import { rule as ${camel(id)} } from "./${id}";`,
      /^import \{ rule as /,
      `  ${camel(id)},`,
      /^  analysisIncomplete,$/,
    );
    return [...files.map(([p]) => p), join(dir, "registry.ts")];
  }
  if (kind === "audit") {
    const dir = join(root, "packages/audit/src/rules");
    const files = [
      [join(dir, `${id}.ts`), auditRule(id)],
      [join(dir, `${id}.test.ts`), auditTest(id)],
    ];
    write(files);
    register(
      join(dir, "index.ts"),
      `import { ${camel(id)} } from "./${id}";`,
      /^import \{ [a-zA-Z0-9]+ \} from "\.\/[a-z0-9-]+";$/,
      `  ${camel(id)},`,
      /^\];$/,
    );
    return [...files.map(([p]) => p), join(dir, "index.ts")];
  }
  throw new Error(`--kind must be lint or audit`);
}

/** Writes each TypeScript file back as the repo's formatter (prettier, .prettierrc.json) would. */
async function formatted(paths) {
  const prettier = await import("prettier");
  for (const path of paths.filter((p) => p.endsWith(".ts"))) {
    const options = { ...(await prettier.resolveConfig(path)), filepath: path };
    writeFileSync(path, await prettier.format(readFileSync(path, "utf8"), options));
  }
}

async function main(argv) {
  const id = argv.find((a, i) => !a.startsWith("--") && !["--kind", "--root"].includes(argv[i - 1]));
  const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const kind = option("--kind");
  if (!id || !kind) throw new Error(USAGE);
  const root = resolve(option("--root") ?? ".");
  const paths = newRule(id, kind, root);
  await formatted(paths);
  for (const path of paths) console.log(`wrote ${path}`);
  console.log(
    `next: write the check and its examples, then regenerate docs/rules: UPDATE_RULE_DOCS=1 pnpm vitest run packages/cli/src/diagnostic-catalog.test.ts`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`new-rule: ${e.message}`);
    process.exit(2);
  });
}
