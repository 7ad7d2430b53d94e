/**
 * A real LSP client for tests: bundles the server, starts it as a child process and speaks
 * JSON-RPC over its stdin/stdout. Nothing is mocked; what a test sees is what an editor sees.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShowMessageNotification,
  type ShowMessageParams,
} from "vscode-languageserver-protocol/node";

const here = resolve(__dirname);

/**
 * Bundles `server-main.ts` (and, unless `worker` is false, the analysis worker beside it)
 * into a temporary directory, so tests never race `pnpm build`.
 */
export async function bundleServer(worker = true): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-lsp-"));
  const entries: [string, string][] = [["server-main.ts", "server.cjs"]];
  if (worker) entries.push(["analysis-worker-main.ts", "analysis-worker.cjs"]);
  await Promise.all(
    entries.map(([src, out]) =>
      build({
        entryPoints: [join(here, "..", src)],
        outfile: join(dir, out),
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        logLevel: "error",
      }),
    ),
  );
  return join(dir, "server.cjs");
}

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  stderr: () => string;
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /** Every window/showMessage received. */
  messages: ShowMessageParams[];
  /** Resolves with the latest publication for `uri` if it satisfies `pred`, else the next one that does. */
  waitForDiagnostics(
    uri: string,
    pred?: (p: PublishDiagnosticsParams) => boolean,
    timeoutMs?: number,
  ): Promise<PublishDiagnosticsParams>;
  close(): Promise<void>;
}

/** Starts the bundled server (`args` e.g. `["--stdio"]`) and connects to it. */
export function startClient(command: string, args: string[] = ["--stdio"], env: NodeJS.ProcessEnv = {}): TestClient {
  const proc = spawn(process.execPath, [command, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let err = "";
  proc.stderr.on("data", (d) => (err += d.toString()));
  const connection = createProtocolConnection(
    new StreamMessageReader(proc.stdout),
    new StreamMessageWriter(proc.stdin),
  );
  const published: PublishDiagnosticsParams[] = [];
  const messages: ShowMessageParams[] = [];
  connection.onNotification(ShowMessageNotification.type, (m) => messages.push(m));
  const waiters: {
    uri: string;
    pred: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.listen();
  return {
    connection,
    process: proc,
    stderr: () => err,
    published,
    messages,
    waitForDiagnostics(uri, pred = () => true, timeoutMs = 10_000) {
      return new Promise((res, rej) => {
        const seen = published.filter((p) => p.uri === uri).at(-1);
        if (seen && pred(seen)) return res(seen);
        const timer = setTimeout(
          () => rej(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${err}`)),
          timeoutMs,
        );
        waiters.push({ uri, pred, resolve: (p) => (clearTimeout(timer), res(p)) });
      });
    },
    async close() {
      connection.dispose();
      if (proc.exitCode === null) proc.kill();
    },
  };
}
/** Starts the bundled server and completes the initialize handshake with these settings. */
export async function startInitialized(
  settings: object,
  options: { env?: NodeJS.ProcessEnv; capabilities?: ClientCapabilities } = {},
): Promise<TestClient> {
  const client = startClient(await bundleServer(), ["--stdio"], options.env ?? {});
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: options.capabilities ?? {},
    initializationOptions: { settings },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  return client;
}
export { TextDocument } from "vscode-languageserver-textdocument";
