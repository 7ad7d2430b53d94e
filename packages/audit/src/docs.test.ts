import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { renderAuditRuleDoc } from "./docs";
import { auditRules } from "./rules";

const docs = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "rules");

describe("docs/rules/<audit id>.md", () => {
  it.each(auditRules.map((r) => [r.id, r] as const))("%s is up to date", (id, rule) => {
    const path = join(docs, `${id}.md`);
    const text = renderAuditRuleDoc(rule);
    if (process.env.UPDATE_AUDIT_DOCS) writeFileSync(path, text);
    expect(existsSync(path) ? readFileSync(path, "utf8") : "", `${path} is stale: rerun with UPDATE_AUDIT_DOCS=1`).toBe(text);
  });
});
