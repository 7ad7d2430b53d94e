import { describe, expect, it, vi } from "vitest";

vi.mock("@emqx-acl/analysis", () => ({
  ruleCatalog: new Map([
    ["rule-unreachable", { summary: "A rule no request can reach", docsUrl: "https://example.test/rule-unreachable", defaultSeverity: "warning" }],
  ]),
}));

const { ruleMeta } = await import("./rule-meta");

describe("ruleMeta", () => {
  it("reads the analysis package's rule catalogue when it knows the id", () => {
    expect(ruleMeta("rule-unreachable")).toEqual({
      id: "rule-unreachable",
      summary: "A rule no request can reach",
      docsUrl: "https://example.test/rule-unreachable",
      defaultSeverity: "warning",
    });
  });

  it("falls back to the id, a docs link and error for parse/load ids", () => {
    const m = ruleMeta("syntax-missing-dot");
    expect(m.summary).toBe("syntax-missing-dot");
    expect(m.docsUrl).toMatch(/README\.md#emqx-acl-lint$/);
    expect(ruleMeta("something-else").docsUrl).toMatch(/\/docs\/rules\/something-else\.md$/);
    expect(m.defaultSeverity).toBe("error");
    expect(ruleMeta("schema-invalid-qos").defaultSeverity).toBe("error");
    expect(ruleMeta("something-else").defaultSeverity).toBe("warning");
  });
});
