import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { auditConfig } from "../audit";
import { nodeAuditFs } from "../node-fs";
import { auditRuleCatalog, auditRules } from "./index";

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts");

describe("audit rule catalogue", () => {
  it("registers every rule file once, under the file's name", () => {
    expect(auditRules.map((r) => `${r.id}.ts`).sort()).toEqual(files.sort());
    expect(auditRuleCatalog.size).toBe(auditRules.length);
  });

  it.each(auditRules.map((r) => [r.id, r] as const))("%s has its metadata", (id, rule) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(rule.summary.length).toBeGreaterThan(10);
    expect(rule.rationale.length).toBeGreaterThan(40);
    expect(rule.sources).toMatch(/cluster-security\.md|acl-language\.md/);
    for (const v of ["v4", "v5", "v6"] as const) expect(["error", "warning", "info"]).toContain(rule.severity[v]);
  });

  it("uses error only for what EMQX refuses to start with", () => {
    const errors = auditRules
      .filter((r) => Object.values(r.severity).includes("error"))
      .map((r) => r.id)
      .sort();
    expect(errors).toEqual(["dist-tls-file-missing", "rpc-tls-file-missing", "rpc-unknown-key"]);
  });

  // documented examples (docs/rules, hover) do what they say, in each version they declare
  for (const rule of auditRules.filter((r) => r.examples)) {
    for (const emqx of rule.examples!.dialects ?? rule.dialects ?? (["v4", "v5", "v6"] as const)) {
      it(`${rule.id} (${emqx}): the bad example is reported, the good one is not`, () => {
        const ids = (text: string) =>
          auditConfig("/nonexistent/etc/emqx.conf", text, nodeAuditFs, { emqx }).files.flatMap((f) =>
            f.diagnostics.map((d) => d.id),
          );
        expect(ids(rule.examples!.bad)).toContain(rule.id);
        expect(ids(rule.examples!.good)).not.toContain(rule.id);
      });
    }
  }
});
