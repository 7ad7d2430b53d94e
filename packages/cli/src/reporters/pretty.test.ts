import { describe, expect, it } from "vitest";
import { prettyReporter, summaryLine } from "./pretty";
import { sampleResult } from "./fixtures.test-support";

const ctx = { cwd: "/repo", color: false, toolVersion: "0.1.0" };

describe("pretty reporter", () => {
  it("prints location, severity, message and id, then a code frame", () => {
    const out = prettyReporter([sampleResult()], ctx);
    expect(out).toContain(
      "acl.conf:3:14  error  invalid action 'pubsub'; EMQX 5 expects publish, subscribe or all  schema-invalid-action\n" +
        '  3 | {allow, all, pubsub, ["#"]}.\n' +
        "    |              ^^^^^^",
    );
    expect(out).toContain("note: acl.conf:4:1  the deny below");
    expect(out).not.toContain("\u001b[");
    expect(out.trimEnd().split("\n").at(-1)).toBe("3 problems (1 error, 1 warning, 1 info) in 1 file");
  });

  it("colours only when asked", () => {
    const out = prettyReporter([sampleResult()], { ...ctx, color: true });
    expect(out).toContain("\u001b[31merror\u001b[0m");
    expect(out).toContain("\u001b[33mwarning\u001b[0m");
  });

  it("shows the dialect note and says when there is nothing to report", () => {
    const r = { ...sampleResult(), diagnostics: [], dialectNote: "auto: chose v4 (found %u)" };
    const out = prettyReporter([r, { ...r, path: "b.conf", dialectNote: null }], ctx);
    expect(out).toBe("acl.conf: auto: chose v4 (found %u)\n\nno problems in 2 files\n");
  });

  it("counts in the summary line", () => {
    expect(summaryLine({ errors: 0, warnings: 2, infos: 0 }, 1)).toBe(
      "2 problems (0 errors, 2 warnings, 0 infos) in 1 file",
    );
  });

  it("reports every finding of a one-line rule with 15,000 topics, each with its frame", () => {
    const topics = Array.from({ length: 15_000 }, (_, i) => `"t/${i}/x"`);
    const text = `{allow, all, publish, [${topics.join(", ")}]}.\n`;
    let at = 0;
    const diagnostics = topics.map((t) => {
      at = text.indexOf(t, at);
      const range = { start: { line: 0, character: at }, end: { line: 0, character: at + t.length } };
      return {
        id: "placeholder-wildcard-injection",
        severity: "warning" as const,
        message: `widens ${t}`,
        term: 1,
        range,
      };
    });
    const out = prettyReporter([{ ...sampleResult(), text, diagnostics }], ctx);
    expect(out.match(/^acl\.conf:1:\d+ {2}warning {2}widens/gm)).toHaveLength(15_000);
    expect(out.match(/^ {4}\| +\^+$/gm)).toHaveLength(15_000);
    expect(out.trimEnd().split("\n").at(-1)).toBe("15000 problems (0 errors, 15000 warnings, 0 infos) in 1 file");
  });
});
