/**
 * Issue 14: inlay hints show lint's reachability verdicts, which arrive after the client
 * asked for hints; the server tells a client that supports it to ask again
 * (`workspace/inlayHint/refresh`) once the verdicts of a version are in, and never tells a
 * client that does not.
 */
import { describe, expect, it } from "vitest";
import {
  DidOpenTextDocumentNotification,
  HoverRequest,
  InlayHintRefreshRequest,
} from "vscode-languageserver-protocol/node";
import { startInitialized } from "../packages/language-server/src/testing/stdio-client";

async function refreshesAfterOpen(refreshSupport: boolean): Promise<number> {
  const client = await startInitialized(
    { dialect: "v5", debounceMs: 0 },
    { capabilities: { workspace: { inlayHint: { refreshSupport } } } },
  );
  let refreshes = 0;
  client.connection.onRequest(InlayHintRefreshRequest.type, () => {
    refreshes++;
    return null;
  });
  try {
    const uri = "file:///refresh/acl.conf";
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {
        uri,
        languageId: "emqx-acl",
        version: 1,
        text: '{allow, all, publish, ["a/#"]}.\n{deny, all, publish, ["a/b"]}.\n{deny, all}.\n',
      },
    });
    await client.waitForDiagnostics(
      uri,
      (p) => p.version === 1 && p.diagnostics.some((d) => d.code === "rule-unreachable"),
      30_000,
    );
    // the server sends the refresh right after the publication, on the same stream: once the
    // answer to a later request is in, the refresh (if any) has arrived
    await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    return refreshes;
  } finally {
    await client.close();
  }
}

describe("inlay hints refresh when lint's verdicts arrive", () => {
  it("asks a client that supports it", async () => {
    expect(await refreshesAfterOpen(true)).toBeGreaterThanOrEqual(1);
  }, 60_000);
  it("never asks one that does not", async () => {
    expect(await refreshesAfterOpen(false)).toBe(0);
  }, 60_000);
});
