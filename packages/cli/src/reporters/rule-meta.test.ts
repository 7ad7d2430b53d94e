import { ruleCatalog } from "@emqx-acl/analysis";
import { auditRuleCatalog } from "@emqx-acl/audit";
import { describe, expect, it } from "vitest";
import { ruleMeta } from "./rule-meta";

describe("ruleMeta", () => {
  it("reads the lint rule catalogue: summary, rationale, the rule's docs page as help", () => {
    const m = ruleMeta("rule-unreachable");
    const entry = ruleCatalog.get("rule-unreachable")!;
    expect(m).toMatchObject({ summary: entry.summary, description: entry.rationale, docsUrl: entry.docsUrl, defaultSeverity: entry.defaultSeverity });
    expect(m.helpMarkdown).toMatch(/^# rule-unreachable\n/);
    expect(m.helpMarkdown).not.toContain("<!--");
  });

  it("reads the audit rule catalogue, with the rule's highest severity as default", () => {
    const m = ruleMeta("cookie-default");
    expect(m.description).toBe(auditRuleCatalog.get("cookie-default")!.rationale);
    expect(m.docsUrl).toMatch(/\/docs\/rules\/cookie-default\.md$/);
    expect(m.helpMarkdown).toMatch(/^# cookie-default\n/);
  });

  it("describes parse/load ids by their family, as errors, with the README as help", () => {
    const m = ruleMeta("syntax-missing-dot");
    expect(m.summary).toBe("syntax-missing-dot");
    expect(m.description).toMatch(/file:consult/);
    expect(m.docsUrl).toMatch(/README\.md#emqx-acl-lint$/);
    expect(m.helpMarkdown).toContain(m.docsUrl);
    expect(m.defaultSeverity).toBe("error");
    expect(ruleMeta("schema-invalid-qos").description).toMatch(/rule compiler/);
    expect(ruleMeta("schema-invalid-qos").defaultSeverity).toBe("error");
    expect(ruleMeta("something-else").defaultSeverity).toBe("warning");
  });
});
