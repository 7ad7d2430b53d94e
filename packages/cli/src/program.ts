/**
 * The commander program. Each command lives in `commands/<name>.ts` and exports
 * `register(program)`; add one import line below for a new command.
 */
import { Command } from "commander";
import { VERSION } from "./version";

// one import line per command, e.g.: import { register as lint } from "./commands/lint";
import { register as check } from "./commands/check";
import { register as explain } from "./commands/explain";
import { register as parse } from "./commands/parse";
import { register as fmt } from "./commands/fmt";
import { register as lsp } from "./commands/lsp";
import { register as lint } from "./commands/lint";
import { register as audit } from "./commands/audit";
import { register as ports } from "./commands/ports";
import { register as compile } from "./commands/compile";
import { register as importRules } from "./commands/import";
import { register as analyze } from "./commands/analyze";
import { register as diff } from "./commands/diff";
import { register as rules } from "./commands/rules";

type Register = (program: Command) => void;

// and one entry per command here, in the order `--help` lists them
const commands: Register[] = [lint, fmt, lsp, check, explain, parse, audit, ports, compile, importRules, analyze, diff, rules];

export function buildProgram(): Command {
  const program = new Command("emqx-acl")
    .description("Compiler, linter and language server for EMQX acl.conf rules")
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}
