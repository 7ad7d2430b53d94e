import type { Diagnostic } from "@emqx-acl/syntax";
import { describe, expect, it } from "vitest";
import { githubReporter } from "./github";
import { prettyReporter } from "./pretty";
import { entries, groupRepeats, repeatsNote } from "./repeats";
import type { FileResult } from "./types";

const diag = (line: number, message: string, id = "placeholder-wildcard-injection"): Diagnostic => ({
  id,
  severity: "warning",
  message,
  term: line + 1,
  range: { start: { line, character: 1 }, end: { line, character: 4 } },
});
const A = '${clientid} widens "d/${clientid}/#"';
const B = '${clientid} widens "u/${clientid}/#"';
const text = Array.from({ length: 30 }, (_, i) => `{allow, all, publish, ["t${i}"]}.`).join("\n");
const diagnostics = [
  diag(0, A),
  diag(1, B),
  diag(2, A),
  diag(3, "rule 4 is redundant", "rule-redundant"),
  ...Array.from({ length: 12 }, (_, i) => diag(10 + i, A)),
];
const file: FileResult = { path: "acl.conf", text, dialect: "v5", dialectNote: null, diagnostics };
const ctx = { cwd: process.cwd(), color: false, toolVersion: "0" };

describe("identical findings said once", () => {
  it("groups by id, severity and message in order of first occurrence", () => {
    const g = groupRepeats(diagnostics);
    expect(g.map((x) => [x.first.range.start.line, x.more.length])).toEqual([
      [0, 13],
      [1, 0],
      [3, 0],
    ]);
    expect(entries(diagnostics, false)).toHaveLength(diagnostics.length);
  });

  it("names the count and the first lines of the others", () => {
    const [a] = groupRepeats(diagnostics);
    expect(repeatsNote(a)).toBe(
      "13 more identical findings in this file, at lines 3, 11, 12, 13, 14, 15, 16, 17, … (5 more)",
    );
    expect(repeatsNote({ first: diagnostics[0], more: [diagnostics[2]] })).toBe(
      "1 more identical finding in this file, at line 3",
    );
  });

  it("pretty shows each distinct finding once and still counts every one", () => {
    const out = prettyReporter([file], ctx);
    expect(out.match(/placeholder-wildcard-injection/g)).toHaveLength(2);
    expect(out).toContain("and: 13 more identical findings in this file, at lines 3, 11");
    expect(out).toContain("16 problems (0 errors, 16 warnings, 0 infos) in 1 file");
    expect(prettyReporter([file], { ...ctx, group: false }).match(/placeholder-wildcard-injection/g)).toHaveLength(15);
  });

  it("github writes one annotation per distinct finding, with the others in its message", () => {
    const lines = githubReporter([file], ctx).trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^::warning file=acl.conf,line=1,.*::\$\{clientid\} widens "d\/\$\{clientid\}\/#" \(13 more identical findings in this file, at lines 3, 11/,
    );
    expect(
      githubReporter([file], { ...ctx, group: false })
        .trim()
        .split("\n"),
    ).toHaveLength(16);
  });
});
