/**
 * The VS Code extension build: `node packages/vscode/scripts/package.mjs` produces a .vsix
 * (a zip) holding the manifest, the extension and server bundles, the grammar and the
 * language configuration, and no node_modules; the bundled server answers `initialize`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { InitializeRequest, ShutdownRequest } from "vscode-languageserver-protocol/node";
import { startClient } from "../packages/language-server/src/testing/stdio-client";
import { repoRoot } from "./support/shared";

/** Reads a zip's central directory and inflates every entry (independent of the writer). */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLen + extra + comment;
  }
  return files;
}

let files: Map<string, Buffer>;
let outDir: string;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "emqx-acl-vsix-"));
  const printed = execFileSync(
    process.execPath,
    [join(repoRoot, "packages/vscode/scripts/package.mjs"), "--out", outDir],
    { encoding: "utf8" },
  );
  expect(printed.trim()).toMatch(/\.vsix$/);
  const vsix = readdirSync(outDir).filter((f) => f.endsWith(".vsix"));
  expect(vsix).toHaveLength(1);
  files = unzip(readFileSync(join(outDir, vsix[0])));
}, 60_000);

describe("vsix", () => {
  it("has the OPC parts and a manifest VS Code accepts", () => {
    expect(files.has("[Content_Types].xml")).toBe(true);
    const vsixManifest = files.get("extension.vsixmanifest")!.toString();
    expect(vsixManifest).toMatch(/<Identity [^>]*Id="emqx-acl"[^>]*Publisher="emqx-acl"/);
    const manifest = JSON.parse(files.get("extension/package.json")!.toString());
    expect(manifest.name).toBe("emqx-acl");
    expect(manifest.engines.vscode).toBeTruthy();
    expect(manifest.dependencies).toBeUndefined();
    expect(files.has(`extension/${manifest.main.replace(/^\.\//, "")}`)).toBe(true);
    const lang = manifest.contributes.languages[0];
    expect(lang.id).toBe("emqx-acl");
    expect(lang.filenames).toContain("acl.conf");
    expect(lang.filenamePatterns).toContain("*.acl.conf");
    for (const g of manifest.contributes.grammars)
      expect(files.has(`extension/${g.path.replace(/^\.\//, "")}`)).toBe(true);
    expect(files.has(`extension/${lang.configuration.replace(/^\.\//, "")}`)).toBe(true);
    const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(
      expect.arrayContaining(["emqx-acl.explain", "emqx-acl.format", "emqx-acl.showReachability"]),
    );
  });

  it("holds the grammar and language configuration from grammar/, and no node_modules", () => {
    const grammar = files.get("extension/syntaxes/acl-conf.tmLanguage.json")!;
    expect(grammar.equals(readFileSync(join(repoRoot, "grammar/acl-conf.tmLanguage.json")))).toBe(true);
    const conf = files.get("extension/language-configuration.json")!;
    expect(conf.equals(readFileSync(join(repoRoot, "grammar/language-configuration.json")))).toBe(true);
    expect([...files.keys()].some((k) => k.includes("node_modules"))).toBe(false);
    expect(files.has("extension/dist/analysis-worker.cjs")).toBe(true);
  });

  it("exports activate/deactivate from the extension bundle", () => {
    const src = files.get("extension/dist/extension.js")!.toString();
    expect(src).toMatch(/require\("vscode"\)/);
    expect(src).toMatch(/activate/);
    expect(src).toMatch(/deactivate/);
  });

  it("ships a server bundle that answers initialize over stdio", async () => {
    const server = join(outDir, "server.cjs");
    writeFileSync(server, files.get("extension/dist/server.cjs")!);
    const client = startClient(server);
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities: {},
    });
    expect(init.serverInfo?.name).toBe("emqx-acl");
    await client.connection.sendRequest(ShutdownRequest.type);
    await client.close();
  });
});
