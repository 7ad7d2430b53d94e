/** Running the server over stdin/stdout (the bundle's entry and `emqx-acl lsp --stdio`). */
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver/node";
import { setFlagsFromString } from "node:v8";
import { diagnosticsCachingEncoder } from "./diagnostics-encoder";
import { findWorkerFile } from "./analysis-runner";
import { exitOnBrokenStream, STALLED_FRAME_MS } from "./broken-stream";
import { startServer } from "./server";
import type { Settings } from "./settings";
import { ShutdownGate } from "./shutdown-gate";

/** Starts the server on stdin/stdout; stdout belongs to the protocol, so logs go to stderr. */
export function runStdioServer(baseSettings: Partial<Settings> = {}): void {
  // a bounded heap growth factor, as the CLI's launcher sets (see packages/cli/bin/emqx-acl.cjs);
  // a smaller young generation (for this thread and the analysis worker): ~20 MB less
  // resident on a 10k-rule file for ~1 ms more scavenging per keystroke (measured)
  setFlagsFromString("--heap-growing-percent=50");
  setFlagsFromString("--max-semi-space-size=8");
  console.log = console.error;
  console.info = console.error;
  process.on("uncaughtException", (err) => console.error(`emqx-acl: uncaught: ${err.stack ?? err.message}`));
  // the worker bundle sits beside this bundle (server.cjs or the CLI's emqx-acl.cjs)
  const dir = typeof __dirname === "string" ? __dirname : undefined;
  // a publication buffer may be written over once nothing is left to write out
  const idle = () => process.stdout.writableLength === 0;
  const writer = new StreamMessageWriter(process.stdout, { contentTypeEncoder: diagnosticsCachingEncoder(idle) });
  const stream = new StreamMessageReader(process.stdin);
  // test hook: tests need not wait the real stall time
  stream.partialMessageTimeout = Number(process.env.EMQX_ACL_LSP_STALLED_FRAME_MS) || STALLED_FRAME_MS;
  const reader = new ShutdownGate(stream, writer);
  exitOnBrokenStream(reader, { input: process.stdin });
  // given a reader rather than a stream, the library no longer exits when stdin ends: the
  // client is gone, exit as `exit` would
  reader.onClose(() => process.exit(reader.shutdownReceived ? 0 : 1));
  startServer(createConnection(ProposedFeatures.all, reader, writer), {
    workerFile: findWorkerFile(dir),
    testHooks: process.env.EMQX_ACL_LSP_TEST_HOOKS === "1",
    baseSettings,
  });
}
