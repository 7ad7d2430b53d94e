import { describe, expect, it } from "vitest";
import { ruleMeta } from "./rule-meta";

describe("ruleMeta", () => {
  it("reads the diagnostic catalogue for lint, reader, loader and audit ids alike", () => {
    expect(ruleMeta("rule-unreachable")).toMatchObject({ id: "rule-unreachable", defaultSeverity: "warning", docsUrl: expect.stringMatching(/\/docs\/rules\/rule-unreachable\.md$/) });
    const dot = ruleMeta("syntax-missing-dot");
    expect(dot.summary).not.toBe("syntax-missing-dot");
    expect(dot.docsUrl).toMatch(/\/docs\/rules\/syntax-missing-dot\.md$/);
    expect(dot.defaultSeverity).toBe("error");
    expect(ruleMeta("schema-invalid-qos").defaultSeverity).toBe("error");
    expect(ruleMeta("cookie-default").docsUrl).toMatch(/\/docs\/rules\/cookie-default\.md$/);
  });

  it("keeps the URL scheme for an id it does not know", () => {
    expect(ruleMeta("something-else")).toEqual({ id: "something-else", summary: "something-else", docsUrl: expect.stringMatching(/\/docs\/rules\/something-else\.md$/), defaultSeverity: "warning" });
  });
});
