import { describe, expect, it } from "vitest";
import { compactReporter } from "./compact";
import { sampleResult } from "./fixtures.test-support";

const ctx = { cwd: "/repo", color: false, toolVersion: "0.1.0" };

describe("compact reporter", () => {
  it("prints file:line:col: severity id message, one line per finding", () => {
    expect(compactReporter([sampleResult()], ctx).split("\n")).toEqual([
      "acl.conf:3:14: error schema-invalid-action invalid action 'pubsub'; EMQX 5 expects publish, subscribe or all",
      "acl.conf:3:22: warning final-allow-all allows everything, the 'x, y' rule",
      "acl.conf:4:1: info rule-unreachable never fires: 100% covered",
      "",
    ]);
  });

  it("shows control characters instead of sending them to the terminal, and nothing for no findings", () => {
    const r = sampleResult();
    const d = { ...r.diagnostics[0], message: "bad \u001b[2J" };
    expect(compactReporter([{ ...r, diagnostics: [d] }], ctx)).toBe(
      "acl.conf:3:14: error schema-invalid-action bad \\x1b[2J\n",
    );
    expect(compactReporter([{ ...r, diagnostics: [] }], ctx)).toBe("");
  });
});
