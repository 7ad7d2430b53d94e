/**
 * A client opening and closing a thousand documents in one burst (a workspace restoring, a
 * script) used to stall the bundled server for seconds and leave hundreds of MB resident.
 * Once every document is closed nothing of them may remain: no per-document state on the
 * server thread or in the analysis worker (asked through the test-only documentState
 * request), nothing published for a document after the empty list that clears it, and the
 * server answers the next request. Analysis waits for the burst to pause, so the documents
 * closed within it are not analysed at all.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CodeActionRequest,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  InitializeRequest,
  InitializedNotification,
  type DocumentSymbol,
} from "vscode-languageserver-protocol/node";
import { DOCUMENT_STATE_REQUEST, type DocumentState } from "../packages/language-server/src/server";
import {
  bundleServer,
  startClient,
  type TestClient,
  startInitialized,
} from "../packages/language-server/src/testing/stdio-client";

let client: TestClient;
const COUNT = 1000;

/** A document of `rules` rules; every third one does not load, every fifth has lint findings. */
function document(i: number, rules: number): string {
  const lines: string[] = [];
  for (let r = 0; r < rules; r++) lines.push(`{allow, {username, "u${i}-${r}"}, publish, ["t/${i}/${r}/#"]}.`);
  if (i % 5 === 0) lines.push(`{allow, all, subscribe, ["#"]}.`, `{allow, all, subscribe, ["#"]}.`);
  lines.push(i % 3 === 0 ? `{deny, all` : `{deny, all}.`);
  return `${lines.join("\n")}\n`;
}

const frame = (message: unknown) => {
  const body = JSON.stringify({ jsonrpc: "2.0", ...(message as object) });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const uriOf = (i: number) => `file:///tmp/emqx-acl-many/doc-${i}.conf`;

const state = () => client.connection.sendRequest(DOCUMENT_STATE_REQUEST) as Promise<DocumentState>;

beforeAll(async () => {
  client = await startInitialized({ dialect: "v5" }, { env: { EMQX_ACL_LSP_TEST_HOOKS: "1" } });
}, 60_000);

afterAll(async () => {
  await client?.close();
});

/** Every per-document count, which must all be zero when no document is open. */
function expectEmpty(s: DocumentState) {
  expect(s.open).toBe(0);
  expect(Object.keys(s.perDocument).length).toBeGreaterThan(10);
  expect(Object.entries(s.perDocument).filter(([, n]) => n !== 0)).toEqual([]);
}

/** No publication for a closed document after the empty list that clears it. */
function expectClearedLast(uris: string[]) {
  for (const uri of uris) {
    const mine = client.published.filter((p) => p.uri === uri);
    expect(mine.at(-1), uri).toEqual({ uri, diagnostics: [] });
  }
}

describe("opening and closing a thousand documents at once", () => {
  it("all opens, then all closes, in one write: nothing of them remains", async () => {
    const uris = Array.from({ length: COUNT }, (_, i) => uriOf(i));
    const opens = uris.map((uri, i) =>
      frame({
        method: "textDocument/didOpen",
        params: { textDocument: { uri, languageId: "emqx-acl", version: 1, text: document(i, 200) } },
      }),
    );
    const closes = uris.map((uri) => frame({ method: "textDocument/didClose", params: { textDocument: { uri } } }));
    client.process.stdin.write(opens.join("") + closes.join(""));
    // answered once the burst is through (requests are handled in order)
    expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uris[0] } })).toEqual(
      [],
    );
    const after = await state(); // the worker answers after it has dropped every closed document
    expectEmpty(after);
    expectClearedLast(uris);
    // analysis waits for the burst to pause, so (nearly) none of the closed documents was
    // parsed and analysed (every one of them was before); a count, not a time, so a slow
    // machine cannot fail it unless reading the burst takes it many seconds
    expect(after.analysesStarted).toBeLessThan(COUNT / 2);
  }, 120_000);

  it("open, close, open again and close: the reopened document is served, then freed", async () => {
    const uri = uriOf(0);
    const open = (version: number, text: string) =>
      client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "emqx-acl", version, text },
      });
    const close = () =>
      client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await open(1, document(1, 50));
    await close();
    const published = client.waitForDiagnostics(uri, (p) => p.version === 7);
    await open(7, document(5, 50));
    expect((await published).diagnostics.length).toBeGreaterThan(0);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols).toHaveLength(53);
    await close();
    expectEmpty(await state());
    expectClearedLast([uri]);
  }, 60_000);

  it("a request waiting for a document's analysis is answered when the document closes, and forgotten", async () => {
    // the worker takes 10 s per KB: the code action waits for an analysis that never ends
    const slow = startClient(await bundleServer(), ["--stdio"], {
      EMQX_ACL_LSP_TEST_HOOKS: "1",
      EMQX_ACL_LSP_SIMULATED_MS_PER_KB: "10000",
    });
    try {
      await slow.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      await slow.connection.sendNotification(InitializedNotification.type, {});
      const uri = uriOf(1);
      await slow.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "emqx-acl", version: 1, text: document(1, 50) },
      });
      const zero = { line: 0, character: 0 };
      const actions = slow.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: zero, end: zero },
        context: { diagnostics: [] },
      });
      await slow.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      expect(await actions).toEqual([]);
      const s = (await slow.connection.sendRequest(DOCUMENT_STATE_REQUEST)) as DocumentState;
      expect(s.perDocument.waiters).toBe(0);
      expect(s.perDocument["runner.pending"]).toBe(0);
    } finally {
      await slow.close();
    }
  }, 60_000);
});
