/**
 * `emqx-acl lsp --stdio`: the language server (the same one the VS Code extension bundles)
 * over standard input and output, for any LSP client (Neovim, Helix, Emacs…). `--emqx`:
 * the EMQX version of documents that neither the client nor a `.emqx-acl.json` sets.
 */
import { runStdioServer } from "@emqx-acl/language-server";
import type { Dialect } from "@emqx-acl/core";
import type { Command } from "commander";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

export function register(program: Command): void {
  addEmqxOption(program.command("lsp"), {
    key: "emqx",
    auto: true,
    description: "EMQX version of documents no setting gives one for (default: auto)",
  })
    .description("run the language server (LSP over standard input/output)")
    .option("--stdio", "speak LSP over standard input/output (the only transport)")
    .action((options: { stdio?: boolean; emqx?: "auto" | Dialect }) => {
      if (!options.stdio) throw new UsageError("lsp: pass --stdio (the only supported transport)");
      runStdioServer(options.emqx ? { dialect: options.emqx } : {});
    });
}
