/**
 * `emqx-acl parse [--tokens | --ast] FILE`: shows what the parser makes of a file — the
 * token stream or the term tree — followed by any syntax diagnostics (on stderr).
 * Exit codes: 0 = parsed cleanly, 1 = syntax errors, 2 = usage or I/O error.
 */
import { decodeAclBytes, parseDocument, printAst, tokenize, LineIndex, type Diagnostic } from "@emqx-acl/syntax";
import type { Command } from "commander";
import { readInput } from "../read-input";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

export interface ParseOptions {
  tokens?: boolean;
  ast?: boolean;
}

interface Out {
  write(s: string): unknown;
}

/** One line per token: `line:col  Type  image`. */
export function formatTokens(text: string): string {
  const index = new LineIndex(text);
  const lines = tokenize(text).tokens.map((t) => {
    const p = index.position(t.startOffset);
    return `${p.line + 1}:${p.character + 1}\t${t.tokenType.name}\t${JSON.stringify(t.image)}`;
  });
  return lines.join("\n") + (lines.length ? "\n" : "");
}

function formatDiagnostic(path: string, d: Diagnostic): string {
  return `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.id}: ${d.message}\n`;
}

/** Runs the command on one file; returns the exit code. */
export function runParse(file: string, options: ParseOptions, stdout: Out, stderr: Out): number {
  if (options.tokens && options.ast) throw new UsageError("choose one of --tokens and --ast");
  const input = readInput(file);
  const decoded = decodeAclBytes(input.bytes);
  const parse = parseDocument(decoded.text);
  stdout.write(options.tokens ? formatTokens(decoded.text) : printAst(parse.forms, parse.lineIndex));
  const diagnostics = [...decoded.diagnostics, ...parse.diagnostics];
  for (const d of diagnostics) stderr.write(formatDiagnostic(input.path, d));
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

export function register(program: Command): void {
  addEmqxOption(program.command("parse"), {
    key: "emqx",
    auto: true,
    description: "accepted for one option across commands; file:consult reads every version alike",
  })
    .description("show the tokens or the term tree the parser reads from an acl.conf file")
    .argument("<file>", "acl.conf file (- for standard input)")
    .option("--tokens", "print the token stream")
    .option("--ast", "print the term tree (default)")
    .action((file: string, options: ParseOptions) => {
      process.exitCode = runParse(file, options, process.stdout, process.stderr);
    });
}
