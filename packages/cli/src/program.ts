/**
 * The commander program over a list of commands: all of them (`all-commands.ts`, the
 * full CLI) or just one (a command's own bundle, which loads only what it needs).
 */
import { Command } from "commander";
import { VERSION } from "./version";

export type Register = (program: Command) => void;

export function buildProgram(commands: readonly Register[]): Command {
  const program = new Command("emqx-acl")
    .description("Compiler, linter and language server for EMQX acl.conf rules")
    .version(VERSION)
    // a usage error is one line, written by runCli from the thrown CommanderError (the
    // subcommands inherit this: they are created after it)
    .configureOutput({ outputError: () => {} })
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}
