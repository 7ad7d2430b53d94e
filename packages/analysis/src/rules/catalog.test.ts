/**
 * Meta-test of the lint rules' registry: every rule file is registered under its file name,
 * severities are never `error`, and every rule fires in examples/invalid/<id>*.acl.conf
 * (docs/rules is checked against the whole diagnostic catalogue in the CLI package).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { allRules, ruleCatalog } from "./registry";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../../..");
const invalid = join(root, "examples/invalid");
const ruleFiles = readdirSync(here).filter(
  (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !["registry.ts", "util.ts", "regex-util.ts"].includes(f),
);

describe("rule catalogue", () => {
  it("registers every rule file under its file name", () => {
    expect(ruleFiles.map((f) => f.replace(/\.ts$/, "")).sort()).toEqual(allRules.map((r) => r.id).sort());
  });

  it("has unique kebab-case ids, no error severity and a test per rule", () => {
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
    for (const r of allRules) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(["warning", "info"]).toContain(r.defaultSeverity);
      expect(existsSync(join(here, `${r.id}.test.ts`)), `${r.id}.test.ts`).toBe(true);
      expect(ruleCatalog.get(r.id)?.docsUrl).toMatch(new RegExp(`/docs/rules/${r.id}\\.md$`));
    }
  });

  for (const r of allRules) {
    it(`${r.id} fires in examples/invalid/${r.id}*.acl.conf`, () => {
      const files = readdirSync(invalid).filter((f) => f.startsWith(r.id) && f.endsWith(".acl.conf"));
      expect(files.length, `add examples/invalid/${r.id}.acl.conf`).toBeGreaterThan(0);
      for (const f of files) {
        const text = readFileSync(join(invalid, f), "utf8");
        const dialect = (/^%% dialect: (v4|v5|v6)\s*$/m.exec(text)?.[1] ?? "v5") as "v5";
        expect(analyzeDocument(text, { dialect }).diagnostics.some((d) => d.id === r.id)).toBe(true);
      }
    });
  }
});
