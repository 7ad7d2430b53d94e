/**
 * The real-world corpus: our parser must reject exactly the files Erlang's
 * `file:consult/1` rejects, and read as many forms as it does from the others.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { decodeAclBytes, parseDocument } from "../packages/syntax/src/index";
import { sharedPath } from "./support/shared";

const dir = sharedPath("corpus");
const manifest = new Map<string, { consult: "ok" | "error"; terms: number; consult_error: string | null }>(
  readFileSync(join(dir, "manifest.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((e) => [e.file, e]),
);
const files = readdirSync(join(dir, "files"))
  .filter((f) => f.endsWith(".conf"))
  .sort();

describe("corpus agrees with file:consult", () => {
  test("every file has a manifest entry", () => {
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) expect(manifest.has(f), f).toBe(true);
  });

  test.each(files)("%s", (file) => {
    const entry = manifest.get(file)!;
    const decoded = decodeAclBytes(readFileSync(join(dir, "files", file)));
    const parse = parseDocument(decoded.text);
    const errors = [...decoded.diagnostics, ...parse.diagnostics].filter((d) => d.id.startsWith("syntax-"));
    if (entry.consult === "error") {
      expect(errors.length, `consult says ${entry.consult_error}`).toBeGreaterThan(0);
    } else {
      expect(errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message}`)).toEqual([]);
      expect(parse.forms.length).toBe(entry.terms);
      expect(parse.forms.every((f) => f.term !== null)).toBe(true);
    }
  });
});
