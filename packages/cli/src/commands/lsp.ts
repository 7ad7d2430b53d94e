/**
 * `emqx-acl lsp --stdio`: the language server (the same one the VS Code extension bundles)
 * over standard input and output, for any LSP client (Neovim, Helix, Emacs…).
 */
import { runStdioServer } from "@emqx-acl/language-server";
import type { Command } from "commander";
import { UsageError } from "../usage-error";

export function register(program: Command): void {
  program
    .command("lsp")
    .description("run the language server (LSP over standard input/output)")
    .option("--stdio", "speak LSP over standard input/output (the only transport)")
    .action((options: { stdio?: boolean }) => {
      if (!options.stdio) throw new UsageError("lsp: pass --stdio (the only supported transport)");
      runStdioServer();
    });
}
