/**
 * Parity: for every file in examples/, the diagnostics the language server publishes are
 * exactly those `emqx-acl lint --format json` reports for the same text and settings
 * (after the 0-based → 1-based conversion the JSON format applies), and every fix lint
 * reports is a quick fix the server offers at the diagnostic (fixes are not published).
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CodeActionKind,
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
} from "vscode-languageserver-protocol/node";
import { lintBytes } from "../packages/cli/src/commands/lint";
import { diagnosticToJson } from "../packages/cli/src/reporters/json";
import { loadLintConfig } from "../packages/cli/src/lint-config";
import type { Diagnostic } from "../packages/syntax/src/index";
import { startInitialized, type TestClient } from "../packages/language-server/src/testing/stdio-client";
import { repoRoot } from "./support/shared";

function confFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? confFiles(join(dir, e.name)) : e.name.endsWith(".conf") ? [join(dir, e.name)] : [],
  );
}

/** An LSP diagnostic back in our shape (what toLspDiagnostic put in it; the term number is not sent). */
function fromLsp(d: LspDiagnostic): Diagnostic {
  const severity = d.severity === 1 ? "error" : d.severity === 2 ? "warning" : "info";
  return {
    id: String(d.code),
    severity,
    message: d.message,
    range: d.range,
    term: null,
    ...(d.relatedInformation?.length
      ? { related: d.relatedInformation.map((r) => ({ range: r.location.range, message: r.message })) }
      : {}),
  };
}

/** The JSON form without the fix (compared through code actions instead) and the term (not sent). */
const withoutFix = (d: ReturnType<typeof diagnosticToJson>) => {
  const { fix: _fix, term: _term, ...rest } = d;
  return rest;
};

/** Each fix lint reports is offered as a quick fix with the same title and edits at its diagnostic. */
async function expectFixesOffered(uri: string, linted: Diagnostic[]): Promise<void> {
  for (const d of linted.filter((x) => x.fix)) {
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [] },
    })) as CodeAction[];
    const offered = actions.find((a) => a.title === d.fix!.title);
    expect(offered, `${d.id} at line ${d.range.start.line + 1}: "${d.fix!.title}"`).toBeDefined();
    expect(offered!.kind).toBe(CodeActionKind.QuickFix);
    expect(offered!.edit?.changes?.[uri]).toEqual(d.fix!.edits.map((e) => ({ range: e.range, newText: e.newText })));
  }
}

const examples = confFiles(join(repoRoot, "examples")).sort();
let client: TestClient;

beforeAll(async () => {
  client = await startInitialized({ debounceMs: 0 });
}, 60_000);

afterAll(async () => {
  await client?.close();
});

describe("LSP diagnostics = lint --format json", () => {
  it("finds examples, some with diagnostics", () => {
    expect(examples.length).toBeGreaterThan(5);
  });

  it.each(examples.map((p) => [relative(repoRoot, p), p]))("%s", async (_name, path) => {
    const bytes = readFileSync(path);
    const text = bytes.toString("utf8");
    // a file outside any workspace folder: only the client settings apply, as with lint --dialect
    const uri = `${pathToFileURL(path).href.replace(/\.conf$/, "")}.parity-${Math.random().toString(36).slice(2)}.conf`;
    const wait = client.waitForDiagnostics(uri);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "emqx-acl", version: 1, text },
    });
    const published = (await wait).diagnostics.map(fromLsp).map(diagnosticToJson).map(withoutFix);
    const linted = lintBytes({ path, bytes }, "auto", {}).diagnostics;
    expect(published).toEqual(linted.map(diagnosticToJson).map(withoutFix));
    await expectFixesOffered(uri, linted);
  });
});

describe("LSP diagnostics = lint --config .emqx-acl.json --format json", () => {
  // severities changed and a rule turned off, in a config the server finds by itself
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-parity-"));
  const config = join(dir, ".emqx-acl.json");
  writeFileSync(
    config,
    JSON.stringify({
      dialect: "v5",
      rules: { "rule-redundant": "off", "rule-unreachable": "info", "sys-topics-exposed": "off" },
    }),
  );

  it.each(examples.map((p) => [relative(repoRoot, p), p]))("%s", async (_name, path) => {
    const copy = join(dir, relative(repoRoot, path).replace(/[/\\]/g, "__"));
    copyFileSync(path, copy);
    const bytes = readFileSync(copy);
    const uri = pathToFileURL(copy).href;
    const wait = client.waitForDiagnostics(uri);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "emqx-acl", version: 1, text: bytes.toString("utf8") },
    });
    const published = (await wait).diagnostics.map(fromLsp).map(diagnosticToJson).map(withoutFix);
    const cfg = loadLintConfig(config);
    const linted = lintBytes({ path: copy, bytes }, cfg.dialect ?? "auto", cfg).diagnostics;
    expect(published).toEqual(linted.map(diagnosticToJson).map(withoutFix));
    await expectFixesOffered(uri, linted);
  });
});
