import { describe, expect, it } from "vitest";
import { jsonReporter } from "./json";
import { sampleResult } from "./fixtures.test-support";

const ctx = { cwd: "/repo", color: false, toolVersion: "0.1.0" };

describe("json reporter", () => {
  it("prints 1-based ranges, term, related and the summary", () => {
    const parsed = JSON.parse(jsonReporter([sampleResult()], ctx));
    expect(parsed.summary).toEqual({ errors: 1, warnings: 1, infos: 1 });
    const [file] = parsed.files;
    expect(file).toMatchObject({ path: "acl.conf", dialect: "v5", dialectNote: null });
    const first = file.diagnostics[0];
    expect(Object.keys(first)).toEqual(["id", "severity", "message", "range", "term"]);
    // line 3 is '{allow, all, pubsub, ["#"]}.' and pubsub starts at 0-based char 13
    expect(first.range).toEqual({ start: { line: 3, column: 14 }, end: { line: 3, column: 20 } });
    expect(first.term).toBe(2);
    expect(file.diagnostics[1].related).toEqual([
      { message: "the deny below", range: { start: { line: 4, column: 1 }, end: { line: 4, column: 12 } } },
    ]);
  });

  it("includes fix edits with 1-based ranges and keeps null terms", () => {
    const r = sampleResult();
    r.diagnostics = [
      {
        ...r.diagnostics[2],
        term: null,
        fix: { title: "remove", edits: [{ range: r.diagnostics[2].range, newText: "" }] },
      },
    ];
    const d = JSON.parse(jsonReporter([r], ctx)).files[0].diagnostics[0];
    expect(d.term).toBeNull();
    expect(d.fix).toEqual({
      title: "remove",
      edits: [{ range: { start: { line: 4, column: 1 }, end: { line: 4, column: 12 } }, newText: "" }],
    });
  });

  it("reports an empty run", () => {
    expect(JSON.parse(jsonReporter([], ctx))).toEqual({ files: [], summary: { errors: 0, warnings: 0, infos: 0 } });
  });
});
