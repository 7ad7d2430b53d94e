/**
 * A 50 MB document (opened, or pasted in by a didChange) used to run the bundled server out
 * of memory. Over the live-analysis limit a document gets one diagnostic and one message
 * saying so, with the limit; the server keeps serving the other documents, and the
 * document is analysed again once it is small enough. The 10,000-rule fleet file, under the
 * limit, is analysed exactly as before.
 */
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  MessageType,
  type DocumentSymbol,
} from "vscode-languageserver-protocol/node";
import { analyzeDocument } from "../packages/analysis/src/index";
import { MAX_LIVE_CHARS, TOO_LARGE_CODE } from "../packages/language-server/src/document-size";
import { startInitialized, type TestClient } from "../packages/language-server/src/testing/stdio-client";
import { sharedPath } from "./support/shared";

let client: TestClient;

/** About `mb` MB of distinct, valid v5 rules. */
function huge(mb: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1024 * 1024; i++) {
    const line = `{allow, {username, "user-${i}"}, publish, ["devices/${i}/telemetry"]}.`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n{deny, all}.\n`;
}

const open = (uri: string, text: string, version = 1) =>
  client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "emqx-acl", version, text },
  });

const symbols = async (uri: string) =>
  (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];

beforeAll(async () => {
  client = await startInitialized({ dialect: "v5", debounceMs: 0 });
}, 60_000);

afterAll(async () => {
  await client?.close();
});

function expectTooLarge(p: { diagnostics: { code?: unknown; message: string; severity?: number }[] }, chars: number) {
  expect(p.diagnostics).toHaveLength(1);
  const [d] = p.diagnostics;
  expect(d.code).toBe(TOO_LARGE_CODE);
  expect(d.severity).toBe(2);
  expect(d.message).toContain("too large for live analysis");
  expect(d.message).toContain(chars.toLocaleString("en"));
  expect(d.message).toContain(MAX_LIVE_CHARS.toLocaleString("en"));
}

describe("a document too large for live analysis", () => {
  const big = huge(50);

  it("opened at 50 MB: one diagnostic and one message; other documents and requests go on", async () => {
    const small = "file:///tmp/emqx-acl-large/small.conf";
    const uri = "file:///tmp/emqx-acl-large/huge.conf";
    await open(small, `{allow, all}.\n`);
    await client.waitForDiagnostics(small);
    const degraded = client.waitForDiagnostics(uri, () => true, 60_000);
    await open(uri, big);
    expectTooLarge(await degraded, big.length);
    const told = client.messages.filter((m) => m.message.includes(uri));
    expect(told).toHaveLength(1);
    expect(told[0].type).toBe(MessageType.Warning);
    expect(told[0].message).toContain(MAX_LIVE_CHARS.toLocaleString("en"));
    // requests on it answer with nothing; the other document is served as before
    expect(await symbols(uri)).toEqual([]);
    expect(
      await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 0, character: 3 },
      }),
    ).toBeNull();
    expect((await symbols(small)).map((s) => s.name)).toHaveLength(1);
    const fixed = client.waitForDiagnostics(small, (p) => p.version === 2);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: small, version: 2 },
      contentChanges: [{ text: `{allow, {ipaddr, "10.0.0.0/33"}, publish, ["t"]}.\n` }],
    });
    expect((await fixed).diagnostics.map((d) => d.code)).toEqual(["schema-invalid-cidr"]);
    // cut back under the limit, it is analysed again
    const back = client.waitForDiagnostics(uri, (p) => p.version === 2, 30_000);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: `{allow, all}.\n{deny, all\n` }],
    });
    expect((await back).diagnostics.map((d) => String(d.code))).toEqual([expect.stringMatching(/^syntax-/)]);
    expect((await symbols(uri)).length).toBeGreaterThan(0);
    expect(client.stderr()).not.toMatch(/failed|uncaught|heap/i);
  }, 120_000);

  it("pasted in by a didChange, then edited: still one diagnostic, the user told once", async () => {
    const uri = "file:///tmp/emqx-acl-large/pasted.conf";
    await open(uri, `{allow, all}.\n`);
    await client.waitForDiagnostics(uri);
    const degraded = client.waitForDiagnostics(uri, (p) => p.version === 2, 60_000);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: big }],
    });
    expectTooLarge(await degraded, big.length);
    const edited = client.waitForDiagnostics(uri, (p) => p.version === 3, 60_000);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "%% x\n" }],
    });
    expectTooLarge(await edited, big.length + 5);
    expect(client.messages.filter((m) => m.message.includes(uri))).toHaveLength(1);
    expect(await symbols(uri)).toEqual([]);
  }, 120_000);

  it("the 10,000-rule fleet file (under the limit) gets its full analysis, as before", async () => {
    const fleet = execFileSync(process.execPath, [sharedPath("bench", "gen-fleet-acl.mjs"), "10000", "1", "v5"], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    expect(fleet.length).toBeGreaterThan(800_000);
    expect(fleet.length).toBeLessThan(MAX_LIVE_CHARS);
    const uri = "file:///tmp/emqx-acl-large/fleet.conf";
    const published = client.waitForDiagnostics(uri, () => true, 60_000);
    await open(uri, fleet);
    const got = await published;
    const expected = analyzeDocument(fleet, { dialect: "v5" }).diagnostics;
    expect(got.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual(
      expected.map((d) => [d.id, d.range.start.line, d.range.start.character]),
    );
    expect(got.diagnostics.some((d) => d.code === TOO_LARGE_CODE)).toBe(false);
  }, 120_000);
});
