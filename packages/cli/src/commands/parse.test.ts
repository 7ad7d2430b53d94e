import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { UsageError } from "../usage-error";
import { formatTokens, runParse } from "./parse";

function sink() {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s), text: () => chunks.join("") };
}

function file(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-parse-"));
  const path = join(dir, "acl.conf");
  writeFileSync(path, content);
  return path;
}

describe("emqx-acl parse", () => {
  test("--ast prints the term tree with spans", () => {
    const out = sink();
    const err = sink();
    const code = runParse(file('{allow, {user, "u"}, subscribe, ["t/#"]}.\n'), { ast: true }, out, err);
    expect(code).toBe(0);
    expect(out.text()).toContain("form 1 [1:1-1:42]");
    expect(out.text()).toContain('    string "u" [1:16-1:19]');
    expect(err.text()).toBe("");
  });
  test("--tokens prints one token per line", () => {
    expect(formatTokens("{a, 'b'}.")).toBe(
      '1:1\tLCurly\t"{"\n1:2\tAtom\t"a"\n1:3\tComma\t","\n1:5\tQuotedAtom\t"\'b\'"\n1:8\tRCurly\t"}"\n1:9\tDot\t"."\n',
    );
  });
  test("syntax errors go to stderr with file:line:col, exit 1", () => {
    const path = file("{allow, all}.\n{deny, X}.\n");
    const err = sink();
    expect(runParse(path, {}, sink(), err)).toBe(1);
    expect(err.text()).toMatch(new RegExp(`^${path}:2:8: error syntax-bad-term: `));
  });
  test("a missing file is a one-line usage error", () => {
    expect(() => runParse("/nonexistent/acl.conf", {}, sink(), sink())).toThrow(UsageError);
    expect(() => runParse("/nonexistent/acl.conf", {}, sink(), sink())).toThrow(
      /cannot read '\/nonexistent\/acl.conf': no such file/,
    );
  });
});
