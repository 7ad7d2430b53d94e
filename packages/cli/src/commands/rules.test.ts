import { describe, expect, it } from "vitest";
import { renderDiagnosticDoc } from "@emqx-acl/syntax";
import { diagnosticCatalog } from "../diagnostic-catalog";
import { rulesOutput } from "./rules";

describe("emqx-acl rules", () => {
  it("lists every catalogued id: reader, loader, lint, emqx.conf reader, audit and chain ids", () => {
    const listed = rulesOutput(undefined, "pretty")
      .trim()
      .split("\n")
      .map((l) => l.split(/\s+/)[0]);
    expect(listed).toEqual([...diagnosticCatalog.keys()]);
    for (const id of [
      "syntax-missing-dot",
      "schema-invalid-action",
      "rule-unreachable",
      "hocon-syntax",
      "conf-syntax",
      "cookie-default",
      "source-unreachable",
    ])
      expect(listed).toContain(id);
  });

  it("shows the docs/rules page of any id, and refuses an unknown one", () => {
    expect(rulesOutput("syntax-missing-dot", "pretty")).toBe(
      renderDiagnosticDoc(diagnosticCatalog.get("syntax-missing-dot")!),
    );
    expect(JSON.parse(rulesOutput("cookie-default", "json"))).toMatchObject({
      id: "cookie-default",
      kind: "audit",
      severityByVersion: { v4: "warning" },
    });
    expect(() => rulesOutput("no-such-id", "pretty")).toThrow(/unknown rule 'no-such-id'/);
  });
});
