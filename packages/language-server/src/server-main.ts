/** Entry of the bundled server (`dist/server.cjs`): LSP over stdio. */
import { runStdioServer } from "./stdio";

runStdioServer();
