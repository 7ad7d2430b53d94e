/** Running the server over stdin/stdout (the bundle's entry and `emqx-acl lsp --stdio`). */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

/** Starts the server on stdin/stdout; stdout belongs to the protocol, so logs go to stderr. */
export function runStdioServer(): void {
  console.log = console.error;
  console.info = console.error;
  process.on("uncaughtException", (err) => console.error(`emqx-acl: uncaught: ${err.stack ?? err.message}`));
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
}
