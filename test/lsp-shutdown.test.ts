/**
 * LSP's shutdown rules over stdio, against the bundled server: after `shutdown` every
 * request but `exit` fails with InvalidRequest and notifications are dropped; `exit` ends
 * the process with 0 after `shutdown` and 1 without it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ErrorCodes,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  ResponseError,
  ShutdownRequest,
} from "vscode-languageserver-protocol/node";
import { bundleServer, startClient, type TestClient } from "../packages/language-server/src/testing/stdio-client";

let server: string;

beforeAll(async () => {
  server = await bundleServer();
}, 60_000);

async function started(): Promise<TestClient> {
  const client = startClient(server);
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { settings: { dialect: "v5", debounceMs: 0 } },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  return client;
}

const exitCode = (client: TestClient) =>
  new Promise<number | null>((res) => client.process.on("exit", (code) => res(code)));

/** The error a request ends with (or "answered" if it was answered). */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "answered",
    (e: unknown) => (e instanceof ResponseError ? e.code : String(e)),
  );

describe("shutdown", () => {
  it("refuses every request after shutdown with InvalidRequest, drops notifications, and exit gives 0", async () => {
    const client = await started();
    try {
      const uri = "file:///tmp/emqx-acl-shutdown/acl.conf";
      const first = client.waitForDiagnostics(uri);
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "emqx-acl", version: 1, text: `{allow, all}.\n` },
      });
      await first;
      const symbolsBefore = await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      expect(symbolsBefore).toHaveLength(1);

      expect(await client.connection.sendRequest(ShutdownRequest.type)).toBeNull();
      const later = "file:///tmp/emqx-acl-shutdown/later.conf";
      await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: later, languageId: "emqx-acl", version: 1, text: `{deny, all\n` },
      });
      expect(await outcome(client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }))).toBe(
        ErrorCodes.InvalidRequest,
      );
      expect(
        await outcome(
          client.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri },
            position: { line: 0, character: 2 },
          }),
        ),
      ).toBe(ErrorCodes.InvalidRequest);
      expect(await outcome(client.connection.sendRequest(ShutdownRequest.type))).toBe(ErrorCodes.InvalidRequest);
      expect(await outcome(client.connection.sendRequest("emqx-acl/unknown", {}))).toBe(ErrorCodes.InvalidRequest);
      // the didOpen after shutdown was dropped: nothing is ever published for it
      await new Promise((r) => setTimeout(r, 300));
      expect(client.published.filter((p) => p.uri === later)).toEqual([]);

      const exited = exitCode(client);
      await client.connection.sendNotification(ExitNotification.type);
      expect(await exited).toBe(0);
      expect(client.stderr()).not.toMatch(/failed|uncaught|Error/);
    } finally {
      await client.close();
    }
  });

  it("exit without shutdown ends the process with 1", async () => {
    const client = await started();
    try {
      const exited = exitCode(client);
      await client.connection.sendNotification(ExitNotification.type);
      expect(await exited).toBe(1);
    } finally {
      await client.close();
    }
  });

  it("the client closing stdin ends the process (0 after shutdown)", async () => {
    const client = await started();
    try {
      await client.connection.sendRequest(ShutdownRequest.type);
      const exited = exitCode(client);
      client.process.stdin.end();
      expect(await exited).toBe(0);
    } finally {
      await client.close();
    }
  });
});
