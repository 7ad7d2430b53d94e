/** `emqx-acl lsp --stdio`: the CLI bundle serves the same language server (worker beside it). */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
} from "vscode-languageserver-protocol/node";
import { startClient } from "../packages/language-server/src/testing/stdio-client";
import { repoRoot } from "./support/shared";

let cli: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-cli-lsp-"));
  cli = join(dir, "emqx-acl.cjs");
  const common = {
    bundle: true,
    platform: "node" as const,
    target: "node20",
    format: "cjs" as const,
    logLevel: "error" as const,
  };
  await Promise.all([
    build({ ...common, entryPoints: [join(repoRoot, "packages/cli/src/main.ts")], outfile: cli }),
    build({
      ...common,
      entryPoints: [join(repoRoot, "packages/language-server/src/analysis-worker-main.ts")],
      outfile: join(dir, "analysis-worker.cjs"),
    }),
  ]);
}, 60_000);

describe("emqx-acl lsp", () => {
  it("speaks LSP over stdio: initialize, diagnostics, shutdown, exit 0", async () => {
    const client = startClient(cli, ["lsp", "--stdio"]);
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities: {},
    });
    expect(init.serverInfo?.name).toBe("emqx-acl");
    await client.connection.sendNotification(InitializedNotification.type, {});
    const uri = "file:///tmp/cli-lsp/acl.conf";
    const wait = client.waitForDiagnostics(uri);
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "emqx-acl", version: 1, text: `{allow, all}.\n{deny, all\n` },
    });
    expect((await wait).diagnostics.map((d) => String(d.code))).toEqual([expect.stringMatching(/^syntax-/)]);
    await client.connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((res) => client.process.on("exit", (code) => res(code)));
    await client.connection.sendNotification(ExitNotification.type);
    expect(await exited).toBe(0);
  });

  it("refuses to start without --stdio, with a one-line message", () => {
    const r = spawnSync(process.execPath, [cli, "lsp"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("emqx-acl: lsp: pass --stdio (the only supported transport)\n");
  });
});
