import { analyzeDocument } from "@emqx-acl/analysis";
import { describe, expect, it } from "vitest";
import { applyEdits, fixPass } from "./lint-fix";

describe("lint --fix passes", () => {
  it("applies edits end to start, so earlier ranges stay valid", () => {
    const text = "ab\ncd\n";
    const r = (line: number, a: number, b: number) => ({ start: { line, character: a }, end: { line, character: b } });
    expect(
      applyEdits(text, [
        { range: r(0, 0, 1), newText: "XX" },
        { range: r(1, 1, 2), newText: "" },
      ]),
    ).toBe("XXb\nc\n");
  });

  it("fixes what has a fix and leaves the comments; no fix, no change", () => {
    const text = '%% who may publish\n{allow, {username, {re, "ad[m]+"}}, publish, ["t"]}. % admins\n{deny, all}.\n';
    const { diagnostics } = analyzeDocument(text, { dialect: "v5" });
    const pass = fixPass(text, diagnostics);
    expect(pass.fixed).toBe(1);
    expect(pass.text).toBe(
      '%% who may publish\n{allow, {username, {re, "^ad[m]+\\\\z"}}, publish, ["t"]}. % admins\n{deny, all}.\n',
    );
    expect(fixPass(pass.text, analyzeDocument(pass.text, { dialect: "v5" }).diagnostics)).toEqual({
      text: pass.text,
      fixed: 0,
    });
  });
});
