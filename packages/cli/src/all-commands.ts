/**
 * Every command, in the order `--help` lists them. Each lives in `commands/<name>.ts`
 * (the file is named after the command: the launcher finds a command's own bundle by it)
 * and exports `register(program)`; add one import line and one entry for a new command.
 */
import type { Register } from "./program";
import { register as check } from "./commands/check";
import { register as explain } from "./commands/explain";
import { register as test } from "./commands/test";
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

export const allCommands: Register[] = [
  lint,
  fmt,
  lsp,
  check,
  explain,
  test,
  parse,
  audit,
  ports,
  compile,
  importRules,
  analyze,
  diff,
  rules,
];
