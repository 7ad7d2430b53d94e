/**
 * The printer on real files: every example and every corpus file Erlang can consult
 * formats to the same terms and comments, and formatting the result changes nothing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeAclBytes, formatText, parseDocument, printDocument, sameDocument } from "../packages/syntax/src/index";
import { repoRoot as root, sharedPath } from "./support/shared";

const corpusDir = sharedPath("corpus", "files");
const manifest = readFileSync(sharedPath("corpus", "manifest.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { file: string; consult: string });

function listConf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listConf(join(dir, e.name)) : e.name.endsWith(".conf") ? [join(dir, e.name)] : [],
  );
}

/** Files decode as UTF-8 here; a file that does not parse is covered by the refusal test. */
function checkRoundTrip(path: string): void {
  const text = readFileSync(path, "utf8");
  const before = parseDocument(text);
  const r = formatText(text);
  if (!r.ok) throw new Error(`${path}: ${r.message}`);
  const after = parseDocument(r.text);
  expect(
    after.diagnostics.filter((d) => d.id.startsWith("syntax-")),
    path,
  ).toEqual([]);
  expect(sameDocument(before, after), path).toBe(true);
  const again = printDocument(after);
  expect(again.ok && again.text, path).toBe(r.text);
}

describe("fmt round trip", () => {
  const examples = listConf(join(root, "examples")).filter(
    (p) => !parseDocument(readFileSync(p, "utf8")).diagnostics.some((d) => d.id.startsWith("syntax-")),
  );
  it("finds the examples", () => expect(examples.length).toBeGreaterThan(0));
  it.each(examples.map((p) => [p.slice(root.length + 1), p]))("%s", (_name, path) => checkRoundTrip(path));

  const ok = manifest.filter((m) => m.consult === "ok").map((m) => join(corpusDir, m.file));
  it("finds the consultable corpus files", () => expect(ok.length).toBeGreaterThan(100));
  it("every consultable corpus file round-trips", () => {
    const failures: string[] = [];
    let formatted = 0;
    for (const p of ok) {
      const decoded = decodeAclBytes(readFileSync(p)).text;
      const before = parseDocument(decoded);
      if (before.diagnostics.some((d) => d.id.startsWith("syntax-"))) continue;
      const r = formatText(decoded);
      if (!r.ok) {
        failures.push(`${p}: ${r.message}`);
        continue;
      }
      formatted++;
      const after = parseDocument(r.text);
      if (!sameDocument(before, after)) failures.push(`${p}: terms or comments differ`);
      const again = printDocument(after);
      if (!again.ok || again.text !== r.text) failures.push(`${p}: not idempotent`);
    }
    expect(failures).toEqual([]);
    expect(formatted).toBeGreaterThan(100);
  });

  it("refuses the corpus files Erlang cannot consult when they have syntax errors", () => {
    for (const m of manifest.filter((x) => x.consult === "error")) {
      const text = decodeAclBytes(readFileSync(join(corpusDir, m.file))).text;
      const parsed = parseDocument(text);
      const r = printDocument(parsed);
      const hasSyntaxError = parsed.diagnostics.some((d) => d.id.startsWith("syntax-") && d.severity === "error");
      expect(r.ok, m.file).toBe(!hasSyntaxError);
    }
  });
});
