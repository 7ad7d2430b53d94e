/** Running the server over stdin/stdout (the bundle's entry and `emqx-acl lsp --stdio`). */
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node";
import { setFlagsFromString } from "node:v8";
import { diagnosticsCachingEncoder } from "./diagnostics-encoder";
import { findWorkerFile } from "./analysis-runner";
import { startServer } from "./server";

/** Starts the server on stdin/stdout; stdout belongs to the protocol, so logs go to stderr. */
export function runStdioServer(): void {
  // a bounded heap growth factor, as the CLI's launcher sets (see packages/cli/bin/emqx-acl.cjs)
  setFlagsFromString("--heap-growing-percent=50");
  console.log = console.error;
  console.info = console.error;
  process.on("uncaughtException", (err) => console.error(`emqx-acl: uncaught: ${err.stack ?? err.message}`));
  // the worker bundle sits beside this bundle (server.cjs or the CLI's emqx-acl.cjs)
  const dir = typeof __dirname === "string" ? __dirname : undefined;
  const writer = new StreamMessageWriter(process.stdout, { contentTypeEncoder: diagnosticsCachingEncoder() });
  startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), writer), { workerFile: findWorkerFile(dir) });
}
