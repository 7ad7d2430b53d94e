/**
 * `emqx-acl fmt [--check] [--dialect auto|v4|v5|v6] FILE...`: rewrites acl.conf files in
 * the canonical layout (the printer of `@emqx-acl/syntax`, the one the language server
 * formats with). The printed text is verified to parse to the same terms and comments.
 *
 * Exit codes: 0 = done (or, with --check, nothing would change); 1 = --check found files
 * that would change, or a file has syntax errors (it is left untouched); 2 = usage or I/O.
 * Files are written atomically (temporary file in the same directory, then rename), in
 * the encoding they were read with (UTF-8, or latin-1 when a magic comment says so).
 */
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { decodeAclBytes, formatText } from "@emqx-acl/syntax";
import { Option, type Command } from "commander";
import { DIALECTS } from "../lint-config";
import { readFailure, readInput, type InputFile } from "../read-input";
import { UsageError } from "../usage-error";

export interface FmtOptions {
  check?: boolean;
  dialect?: string;
}

export interface FmtIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  readStdin?: () => Uint8Array;
}

/** Outcome for one file. */
type Outcome = "unchanged" | "changed" | "refused";

/** Writes `text` to `path` through a temporary sibling and a rename, keeping the mode. */
export function writeAtomically(path: string, bytes: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.emqx-acl-fmt.tmp`);
  try {
    const mode = statSync(path).mode;
    writeFileSync(tmp, bytes, { mode });
    chmodSync(tmp, mode);
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file was never created
    }
    throw new UsageError(`cannot write '${path}': ${readFailure(err)}`);
  }
}

function fmtOne(file: string, input: InputFile, options: FmtOptions, io: FmtIO): Outcome {
  const decoded = decodeAclBytes(input.bytes);
  const bad = decoded.diagnostics.find((d) => d.severity === "error");
  if (bad) {
    io.stderr.write(`${input.path}:${bad.range.start.line + 1}:${bad.range.start.character + 1}: ${bad.message} (not formatted)\n`);
    return "refused";
  }
  const r = formatText(decoded.text);
  if (!r.ok) {
    const d = r.diagnostics[0];
    const detail = d ? `: ${d.message}` : "";
    const sep = /^\d/.test(r.message) ? ":" : ": ";
    io.stderr.write(`${input.path}${sep}${r.message}${detail}\n`);
    return "refused";
  }
  if (file === "-") {
    if (!options.check) io.stdout.write(r.text);
    return r.changed ? "changed" : "unchanged";
  }
  if (!r.changed) return "unchanged";
  if (options.check) io.stdout.write(`${input.path}\n`);
  else writeAtomically(file, Buffer.from(r.text, decoded.encoding === "latin1" ? "latin1" : "utf8"));
  return "changed";
}

/** Runs fmt over `files`; returns the exit code. */
export function runFmt(files: string[], options: FmtOptions, io: FmtIO): number {
  // read everything first: an unreadable file stops the run before any file is written
  const inputs = files.map((f) => readInput(f, io.readStdin));
  const outcomes = files.map((f, i) => fmtOne(f, inputs[i], options, io));
  if (outcomes.includes("refused")) return 1;
  return options.check && outcomes.includes("changed") ? 1 : 0;
}

export function register(program: Command): void {
  program
    .command("fmt")
    .description("rewrite acl.conf files in the canonical layout (comments and values kept)")
    .argument("<files...>", "acl.conf files to format (- reads standard input and writes standard output)")
    .option("--check", "change nothing; list the files that would change and exit 1 if any")
    .addOption(
      new Option("--dialect <dialect>", "EMQX version the files are for; the layout is the same for all").choices(DIALECTS),
    )
    .action((files: string[], options: FmtOptions) => {
      process.exitCode = runFmt(files, options, { stdout: process.stdout, stderr: process.stderr });
    });
}
