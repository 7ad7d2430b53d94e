import { describe, expect, it } from "vitest";
import { diagnosticCatalog } from "../diagnostic-catalog";
import { ruleMeta } from "./rule-meta";

describe("ruleMeta", () => {
  it("reads the diagnostic catalogue for lint, reader, loader and audit ids alike: summary, rationale, the docs page as help", () => {
    for (const id of [
      "rule-unreachable",
      "syntax-missing-dot",
      "schema-invalid-qos",
      "cookie-default",
      "hocon-syntax",
    ]) {
      const entry = diagnosticCatalog.get(id)!;
      const m = ruleMeta(id);
      expect(m).toMatchObject({
        id,
        summary: entry.summary,
        description: entry.rationale,
        docsUrl: entry.docsUrl,
        defaultSeverity: entry.defaultSeverity,
      });
      expect(m.docsUrl).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
      expect(m.helpMarkdown).toMatch(new RegExp(`^# ${id}\\n`));
      expect(m.helpMarkdown).not.toContain("<!--");
    }
    expect(ruleMeta("syntax-missing-dot").defaultSeverity).toBe("error");
    expect(ruleMeta("syntax-missing-dot").description).toMatch(/file:consult/);
  });

  it("gives an audit rule its highest severity as default", () => {
    expect(ruleMeta("dist-tls-file-missing").defaultSeverity).toBe("error");
  });

  it("keeps the URL scheme for an id it does not know", () => {
    expect(ruleMeta("something-else")).toMatchObject({
      id: "something-else",
      summary: "something-else",
      docsUrl: expect.stringMatching(/\/docs\/rules\/something-else\.md$/),
      defaultSeverity: "warning",
    });
  });
});
