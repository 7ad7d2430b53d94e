/**
 * Meta-test of the diagnostic catalogue: it holds every id the code emits, each entry is
 * complete and linked by the one URL scheme, and docs/rules has exactly one up-to-date page
 * per id plus the index (regenerate with UPDATE_RULE_DOCS=1).
 */
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { docsUrlFor, renderCatalogIndex, renderDiagnosticDoc } from "@emqx-acl/syntax";
import { diagnosticCatalog, diagnosticHelp } from "./diagnostic-catalog";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const docs = join(root, "docs/rules");

/** Source files of the packages, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "dist" ? [] : sources(path);
    return /\.ts$/.test(e.name) && !/\.test(-support)?\.ts$|test-support|testing/.test(path) ? [path] : [];
  });
}

/** Ids the code emits: reader/loader ids by their prefix, the others as a finding's `id: "…"`. */
function emittedIds(): Set<string> {
  const out = new Set<string>();
  for (const file of sources(join(root, "packages"))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/"((?:syntax|schema|hocon|conf)-[a-z0-9-]+)"/g)) out.add(m[1]);
    for (const m of text.matchAll(/\bid: "([a-z0-9]+(?:-[a-z0-9]+)+)"/g)) out.add(m[1]);
  }
  return out;
}

describe("diagnostic catalogue", () => {
  it("holds every id the code emits", () => {
    const emitted = emittedIds();
    // the scan sees each kind's ids (it would pass vacuously otherwise)
    for (const id of [
      "syntax-missing-dot",
      "schema-invalid-qos",
      "hocon-unresolved",
      "conf-syntax",
      "dialect-mixed",
      "file-refused",
      "source-unreachable",
    ])
      expect(emitted).toContain(id);
    expect([...emitted].filter((id) => !diagnosticCatalog.has(id))).toEqual([]);
  });

  it("has a summary, a rationale and the one docs URL scheme for every id; errors only for what EMQX refuses", () => {
    for (const d of diagnosticCatalog.values()) {
      expect(d.summary.length, d.id).toBeGreaterThan(15);
      expect(d.rationale.length, d.id).toBeGreaterThan(40);
      expect(d.docsUrl).toBe(docsUrlFor(d.id));
      if (d.kind === "lint") expect(d.defaultSeverity).not.toBe("error");
    }
    expect(diagnosticCatalog.get("syntax-missing-dot")?.defaultSeverity).toBe("error");
  });

  it("gives a SARIF reporter summary, full description, help markdown and docs URL", () => {
    const help = diagnosticHelp("schema-invalid-action")!;
    expect(help.summary).toBe(diagnosticCatalog.get("schema-invalid-action")!.summary);
    expect(help.fullDescription).toContain("EMQX 5");
    expect(help.helpMarkdown).toContain("# schema-invalid-action");
    expect(help.docsUrl).toMatch(/\/docs\/rules\/schema-invalid-action\.md$/);
    expect(diagnosticHelp("no-such-id")).toBeUndefined();
  });

  it("keeps docs/rules in sync: one page per id, the index, nothing else", () => {
    const pages = new Map([...diagnosticCatalog.values()].map((d) => [`${d.id}.md`, renderDiagnosticDoc(d)]));
    pages.set("README.md", renderCatalogIndex([...diagnosticCatalog.values()]));
    const update = !!process.env.UPDATE_RULE_DOCS;
    for (const name of readdirSync(docs).filter((f) => f.endsWith(".md") && !pages.has(f))) {
      if (update) unlinkSync(join(docs, name));
      else expect.fail(`docs/rules/${name} documents no catalogued id`);
    }
    for (const [name, text] of pages) {
      const path = join(docs, name);
      if (update) writeFileSync(path, text);
      expect(
        existsSync(path) ? readFileSync(path, "utf8") : "",
        `${path} is stale: rerun with UPDATE_RULE_DOCS=1`,
      ).toBe(text);
    }
  });
});
