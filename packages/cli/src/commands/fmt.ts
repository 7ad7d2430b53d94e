/**
 * `emqx-acl fmt [--check] [--force] [--dialect auto|v4|v5|v6] FILE...`: rewrites acl.conf files in
 * the canonical layout (the printer of `@emqx-acl/syntax`, the one the language server
 * formats with). The printed text is verified to parse to the same terms and comments.
 *
 * Exit codes: 0 = done (or, with --check, nothing would change); 1 = --check found files
 * that would change, or a file has syntax errors (it is left untouched); 2 = usage or I/O.
 * Files are written atomically (temporary file in the same directory, then rename), in
 * the encoding they were read with (UTF-8, or latin-1 when a magic comment says so).
 * A file is never written when it changed after it was read, nor when it is read-only
 * (unless --force); those are reported one line each and the run exits 2. A file with
 * several hard links is overwritten in place so every name keeps seeing it; a symbolic
 * link is followed, and stays a link.
 */
import { decodeAclBytes, formatText } from "@emqx-acl/syntax";
import type { Command } from "commander";
import { readInput, type InputFile } from "../read-input";
import { notWrittenReason, rewriteFile, statForSnapshot, type ReadSnapshot } from "../safe-rewrite";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

export interface FmtOptions {
  check?: boolean;
  dialect?: string;
  /** Rewrite read-only files too (their mode is kept). */
  force?: boolean;
}

export interface FmtIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  readStdin?: () => Uint8Array;
  /** Called after a file is formatted, just before it is written (tests edit the file here). */
  beforeWrite?: (path: string) => void;
}

/** Outcome for one file: `refused` = syntax errors (exit 1); `not-written` = kept from harm (exit 2). */
type Outcome = "unchanged" | "changed" | "refused" | "not-written";

function fmtOne(
  file: string,
  input: InputFile,
  stat: ReadSnapshot["stat"] | undefined,
  options: FmtOptions,
  io: FmtIO,
): Outcome {
  const decoded = decodeAclBytes(input.bytes);
  const bad = decoded.diagnostics.find((d) => d.severity === "error");
  if (bad) {
    io.stderr.write(
      `${input.path}:${bad.range.start.line + 1}:${bad.range.start.character + 1}: ${bad.message} (not formatted)\n`,
    );
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
  if (options.check) {
    io.stdout.write(`${input.path}\n`);
    return "changed";
  }
  if (!stat) throw new UsageError(`cannot write '${file}': it could not be stat'ed when it was read`);
  io.beforeWrite?.(file);
  const bytes = Buffer.from(r.text, decoded.encoding === "latin1" ? "latin1" : "utf8");
  const done = rewriteFile(file, { stat, bytes: input.bytes }, bytes, { force: options.force });
  if (done === "written") return "changed";
  io.stderr.write(`${input.path}: ${notWrittenReason(done, "formatting")}\n`);
  return "not-written";
}

/** A stat, or undefined when the path cannot be stat'ed (readInput then reports why). */
function statOrUndefined(path: string): ReadSnapshot["stat"] | undefined {
  try {
    return statForSnapshot(path);
  } catch {
    return undefined;
  }
}

/** Runs fmt over `files`; returns the exit code. */
export function runFmt(files: string[], options: FmtOptions, io: FmtIO): number {
  // read everything first: an unreadable file stops the run before any file is written
  // the stat is taken before the read, so any later edit shows as a new mtime or new bytes
  const stats = files.map((f) => (f === "-" ? undefined : statOrUndefined(f)));
  const inputs = files.map((f) => readInput(f, io.readStdin));
  const outcomes = files.map((f, i) => fmtOne(f, inputs[i], stats[i], options, io));
  if (outcomes.includes("not-written")) return 2;
  if (outcomes.includes("refused")) return 1;
  return options.check && outcomes.includes("changed") ? 1 : 0;
}

export function register(program: Command): void {
  addEmqxOption(program.command("fmt"), {
    key: "dialect",
    auto: true,
    description: "EMQX version the files are for; the layout is the same for all",
  })
    .description("rewrite acl.conf files in the canonical layout (comments and values kept)")
    .argument("<files...>", "acl.conf files to format (- reads standard input and writes standard output)")
    .option("--check", "change nothing; list the files that would change and exit 1 if any")
    .option(
      "--force",
      "also rewrite read-only files (they stay read-only); without it they are reported and left alone (exit 2)",
    )
    .action((files: string[], options: FmtOptions) => {
      process.exitCode = runFmt(files, options, { stdout: process.stdout, stderr: process.stderr });
    });
}
