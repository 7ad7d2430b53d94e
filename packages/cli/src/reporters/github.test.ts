import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, githubReporter } from "./github";
import { diagAt, sampleResult } from "./fixtures.test-support";

const ctx = { cwd: "/repo", color: false, toolVersion: "0.1.0" };

describe("github reporter", () => {
  it("escapes data and properties as actions/toolkit does", () => {
    expect(escapeData("50%\r\nnext: a,b")).toBe("50%25%0D%0Anext: a,b");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("prints one command per finding with the severity mapped", () => {
    const lines = githubReporter([sampleResult()], ctx).trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      "::error file=acl.conf,line=3,col=14,endLine=3,endColumn=19,title=schema-invalid-action::invalid action 'pubsub'; EMQX 5 expects publish, subscribe or all",
    );
    expect(lines[1]).toMatch(
      /^::warning file=acl\.conf,line=3,.*title=final-allow-all::allows everything, the 'x, y'%0Arule$/,
    );
    expect(lines[2]).toMatch(
      /^::notice file=acl\.conf,line=4,col=1,endLine=4,endColumn=11,title=rule-unreachable::never fires: 100%25 covered$/,
    );
  });

  it("makes absolute paths relative to cwd and escapes them", () => {
    const r = { ...sampleResult(), path: "/repo/etc/a,b:c.conf" };
    expect(githubReporter([r], ctx)).toContain("file=etc/a%2Cb%3Ac.conf,");
  });

  it("pulls a range ending at the start of the next line back onto its line", () => {
    const text = "{deny, all}.\n{allow, all}.\n";
    const d = diagAt(text, "{deny, all}.\n", "x-y", "warning", "m");
    const out = githubReporter([{ path: "a.conf", text, dialect: null, dialectNote: null, diagnostics: [d] }], ctx);
    expect(out).toBe("::warning file=a.conf,line=1,col=1,endLine=1,endColumn=12,title=x-y::m\n");
  });

  it("prints nothing when there is nothing to say", () => {
    expect(githubReporter([{ ...sampleResult(), diagnostics: [] }], ctx)).toBe("");
  });
});
