/**
 * The server stays responsive while `analyzeDocument` grinds through an expensive file:
 * the analysis runs in a worker, requests are answered from the parse tree meanwhile, and a
 * newer edit abandons the stale analysis instead of queueing behind it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  InitializeRequest,
  InitializedNotification,
  type DocumentSymbol,
} from "vscode-languageserver-protocol/node";
import {
  bundleServer,
  startClient,
  type TestClient,
  startInitialized,
} from "../packages/language-server/src/testing/stdio-client";

/** Many distinct v5 rules; the worker is told to block 200 ms per KB (seconds for this file, ~10 ms for the edit). */
function heavy(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(
      i % 2
        ? `{allow, {clientid, "dev-${i}"}, subscribe, ["cmd/\${clientid}/#", {eq, "cfg/${i}"}]}.`
        : `{allow, {'and', [{username, "u${i}"}, {ipaddr, "192.168.${i % 256}.1"}]}, {publish, [{qos, [0, 1]}]}, ["a/b/${i}"]}.`,
    );
  }
  return `${lines.join("\n")}\n{deny, all}.\n`;
}

let client: TestClient;
const uri = "file:///tmp/emqx-acl-responsive/acl.conf";

beforeAll(async () => {
  client = await startInitialized(
    { dialect: "v5", debounceMs: 0 },
    { env: { EMQX_ACL_LSP_SIMULATED_MS_PER_KB: "200" } },
  );
}, 60_000);

afterAll(async () => {
  await client?.close();
});

describe("responsiveness", () => {
  it("answers requests during a long analysis and drops it for a newer version", async () => {
    const text = heavy(300);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "emqx-acl", version: 1, text },
    });
    await new Promise((r) => setTimeout(r, 300)); // the worker is now busy with version 1
    let t0 = performance.now();
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    const symbolsMs = performance.now() - t0;
    expect(symbols).toHaveLength(301);
    t0 = performance.now();
    await client.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(client.published.some((p) => p.uri === uri)).toBe(false); // version 1 is still being analysed
    // a newer, small version: its diagnostics must not wait for version 1's analysis
    t0 = performance.now();
    const latest = client.waitForDiagnostics(uri, (p) => p.version === 2, 20_000);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: `{allow, {ipaddr, "10.0.0.0/33"}, publish, ["t"]}.\n` }],
    });
    const published = await latest;
    const editToDiagnostics = performance.now() - t0;
    expect(published.diagnostics.map((d) => d.code)).toEqual(["schema-invalid-cidr"]);
    expect(client.published.filter((p) => p.uri === uri).map((p) => p.version)).toEqual([2]);
    expect(symbolsMs).toBeLessThan(2000);
    expect(editToDiagnostics).toBeLessThan(5000);
  }, 60_000);
});

describe("diagnostics without the worker", () => {
  it("a file that stops loading gets its diagnostics from the LSP thread while the worker is stuck", async () => {
    // the worker would block for minutes on version 1: anything published for later versions
    // that do not load cannot have come from it
    const stuck = startClient(await bundleServer(), ["--stdio"], { EMQX_ACL_LSP_SIMULATED_MS_PER_KB: "10000" });
    try {
      await stuck.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        initializationOptions: { settings: { dialect: "v5", debounceMs: 0 } },
      });
      await stuck.connection.sendNotification(InitializedNotification.type, {});
      const text = heavy(300);
      await stuck.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "emqx-acl", version: 1, text },
      });
      const broken = stuck.waitForDiagnostics(uri, (p) => p.version === 2);
      // a keystroke that breaks rule 3: `{allow` → `{allow}`
      const line2 = text.split("\n")[2];
      await stuck.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 },
        contentChanges: [{ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 6 } }, text: "}" }],
      });
      const p = await broken;
      expect(line2.startsWith("{allow")).toBe(true);
      expect(p.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([["syntax-unexpected-token", 2]]);
      expect(stuck.published.filter((x) => x.uri === uri).map((x) => x.version)).toEqual([2]);
    } finally {
      await stuck.close();
    }
  }, 60_000);
});
