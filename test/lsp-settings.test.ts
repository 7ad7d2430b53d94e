/**
 * Settings reach the analysis: the client's `emqx-acl` section (initialize and
 * didChangeConfiguration) and the nearest `.emqx-acl.json`, which wins over the client.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  FileChangeType,
  InitializeRequest,
  InitializedNotification,
} from "vscode-languageserver-protocol/node";
import { bundleServer, startClient, type TestClient } from "../packages/language-server/src/testing/stdio-client";

// valid in EMQX 5, refused by 4.4 (the action `all` does not exist there)
const V5_ONLY = `{allow, {username, "u"}, all, ["t"]}.\n`;
let client: TestClient;
let root: string;
let n = 0;

async function openIn(dir: string, version = 1) {
  const uri = pathToFileURL(join(dir, `acl-${n++}.conf`)).href;
  const wait = client.waitForDiagnostics(uri);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "emqx-acl", version, text: V5_ONLY },
  });
  return { uri, ids: (await wait).diagnostics.map((d) => String(d.code)) };
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "emqx-acl-settings-"));
  mkdirSync(join(root, "v4"));
  mkdirSync(join(root, "plain"));
  mkdirSync(join(root, "broken"));
  writeFileSync(join(root, "broken", ".emqx-acl.json"), `{"dialect": "v9", "rules": {"rule-unreachable": "loud"}}`);
  writeFileSync(join(root, "v4", ".emqx-acl.json"), JSON.stringify({ dialect: "v4" }));
  client = startClient(await bundleServer());
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    workspaceFolders: [{ uri: pathToFileURL(root).href, name: "ws" }],
    capabilities: {},
    initializationOptions: { settings: { dialect: "v5", debounceMs: 0 } },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
}, 60_000);

afterAll(async () => {
  await client?.close();
});

describe("settings", () => {
  it("uses the client's dialect where no config file applies", async () => {
    expect((await openIn(join(root, "plain"))).ids).toEqual([]);
  });

  it("lets the nearest .emqx-acl.json override the client", async () => {
    expect((await openIn(join(root, "v4"))).ids).toContain("schema-invalid-action");
  });

  it("re-analyses open documents when the client settings change", async () => {
    const { uri } = await openIn(join(root, "plain"));
    const again = client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { "emqx-acl": { dialect: "v4" } },
    });
    expect((await again).diagnostics.map((d) => d.code)).toContain("schema-invalid-action");
  });

  it("warns about settings it cannot use, naming the file, and keeps the valid ones", async () => {
    await openIn(join(root, "broken")); // analysed with the client's settings
    const texts = client.messages.map((m) => m.message);
    expect(texts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/broken\/\.emqx-acl\.json:1:2: dialect must be one of/),
        expect.stringMatching(
          /broken\/\.emqx-acl\.json:1:\d+: rules\.rule-unreachable: expected "off", "info" or "warning"/,
        ),
      ]),
    );
  });

  it("re-reads config files when they change on disk", async () => {
    const dir = join(root, "v4");
    const { uri } = await openIn(dir);
    writeFileSync(join(dir, ".emqx-acl.json"), JSON.stringify({ dialect: "v5" }));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { "emqx-acl": { dialect: "v5" } },
    });
    const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(join(dir, ".emqx-acl.json")).href, type: FileChangeType.Changed }],
    });
    expect((await cleared).diagnostics).toEqual([]);
  });
});
