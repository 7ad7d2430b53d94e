/**
 * Fuzzing the server over stdio: thousands of random incremental edits (insertions,
 * deletions, pastes of corpus files) sent without waiting, with requests interleaved.
 * The server must keep answering, never publish an older version after a newer one, and
 * end with exactly the diagnostics of the latest text.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  InlayHintRequest,
  SemanticTokensRequest,
  CodeActionRequest,
  type TextDocumentContentChangeEvent,
} from "vscode-languageserver-protocol/node";
import { analyzeDocument } from "../packages/analysis/src/index";
import { TextDocument, startInitialized, type TestClient } from "../packages/language-server/src/testing/stdio-client";
import { sharedPath } from "./support/shared";
import { prng } from "./support/prng";

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const EDITS = Number(process.env.FUZZ_EDITS ?? 3000);

const rng = prng;

const SNIPPETS = [
  "{",
  "}",
  "[",
  "]",
  ",",
  ".",
  " ",
  "\n",
  "%",
  "%% c\n",
  '"',
  "'",
  "$",
  "${username}",
  "%u",
  "<<",
  ">>",
  "#{",
  "=>",
  "allow",
  "deny",
  "all",
  "publish",
  "subscribe",
  '{username, "u"}',
  '{ipaddr, "10.0.0.0/8"}',
  '{eq, "#"}',
  "'and'",
  "\\",
  "\r\n",
  "\t",
  "é",
  "😀",
  "16#ff",
  "$a",
  "1.5",
  "{allow, all}.\n",
  '{deny, all, subscribe, ["#"]}.\n',
  "\u00a0",
  "\ufeff",
];

let client: TestClient;
const uri = "file:///tmp/emqx-acl-fuzz/acl.conf";

beforeAll(async () => {
  client = await startInitialized({ debounceMs: 2 });
}, 60_000);

afterAll(async () => {
  await client?.close();
});

describe("fuzzing the language server", () => {
  it(`survives ${EDITS} random edits (seed ${SEED}) and publishes the latest version's diagnostics`, async () => {
    const random = rng(SEED);
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
    const corpusDir = sharedPath("corpus", "files");
    const corpus = readdirSync(corpusDir)
      .filter((f) => f.endsWith(".conf"))
      .slice(0, 60)
      .map((f) => readFileSync(join(corpusDir, f), "utf8"));
    let version = 1;
    let doc = TextDocument.create(uri, "emqx-acl", version, pick(corpus));
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "emqx-acl", version, text: doc.getText() },
    });
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < EDITS; i++) {
      const len = doc.getText().length;
      const at = Math.floor(random() * (len + 1));
      const r = random();
      let change: TextDocumentContentChangeEvent;
      const pos = doc.positionAt(at);
      if (r < 0.45) change = { range: { start: pos, end: pos }, text: pick(SNIPPETS) };
      else if (r < 0.8 || len > 20_000) {
        const end = doc.positionAt(Math.min(len, at + Math.floor(random() * (len > 20_000 ? 5000 : 40))));
        change = { range: { start: pos, end }, text: "" };
      } else if (r < 0.95) change = { range: { start: pos, end: pos }, text: pick(corpus).slice(0, 3000) };
      else change = { text: pick(corpus) };
      version++;
      doc = TextDocument.update(doc, [change], version);
      void client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [change],
      });
      if (i % 25 === 0) {
        const position = doc.positionAt(Math.floor(random() * (doc.getText().length + 1)));
        const td = { uri };
        const requests = [
          () => client.connection.sendRequest(HoverRequest.type, { textDocument: td, position }),
          () => client.connection.sendRequest(CompletionRequest.type, { textDocument: td, position }),
          () => client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: td }),
          () => client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: td }),
          () => client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: td }),
          () =>
            client.connection.sendRequest(DocumentFormattingRequest.type, {
              textDocument: td,
              options: { tabSize: 2, insertSpaces: true },
            }),
          () =>
            client.connection.sendRequest(InlayHintRequest.type, {
              textDocument: td,
              range: { start: { line: 0, character: 0 }, end: position },
            }),
          () =>
            client.connection.sendRequest(CodeActionRequest.type, {
              textDocument: td,
              range: { start: position, end: position },
              context: { diagnostics: [] },
            }),
        ];
        pending.push(pick(requests)());
      }
      if (i % 200 === 0) await Promise.all(pending.splice(0));
    }
    const results = await Promise.allSettled(pending);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const last = await client.waitForDiagnostics(uri, (p) => p.version === version, 20_000);
    const expected = analyzeDocument(doc.getText(), { dialect: "auto" }).diagnostics;
    expect(last.diagnostics.map((d) => [d.code, d.range.start, d.range.end])).toEqual(
      expected.map((d) => [d.id, d.range.start, d.range.end]),
    );
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThanOrEqual(versions[i - 1]);
    expect(client.stderr()).not.toMatch(/failed|uncaught/);
  }, 60_000);
});
