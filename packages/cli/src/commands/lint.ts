/**
 * `emqx-acl lint [--emqx 4|5|6|auto] [--format pretty|json|sarif|github|compact] [--no-group] [--quiet] [--[no-]color]
 * [--max-warnings N] [--fix [--force]] [--config PATH | --no-config] FILE|DIR|GLOB...`
 *
 * Exit codes: 0 = no errors and warnings within --max-warnings; 1 = otherwise;
 * 2 = usage or I/O error (nothing is reported then).
 */
import { AnalysisCancelled, analyzeDocument } from "@emqx-acl/analysis";
import { decodeAclBytes, type DecodeResult, type Span } from "@emqx-acl/syntax";
import { InvalidArgumentError, Option, type Command } from "commander";
import { useColor } from "../color";
import { dirname, resolve } from "node:path";
import { discoverLintConfig, loadLintConfig, type DialectOption, type LintConfig } from "../lint-config";
import { expandLintTargets } from "../lint-targets";
import { fixPass, MAX_FIX_PASSES } from "../lint-fix";
import { notWrittenReason, rewriteFile, statForSnapshot, type ReadSnapshot } from "../safe-rewrite";
import { writeChunk, type ChunkSink } from "../write-chunk";
import { readInput, type InputFile } from "../read-input";
import { formatNames, reportChunks, summarize, type FileResult, type FormatName, type Summary } from "../reporters";
import { VERSION } from "../version";
import { MemoryGuard, outOfMemoryMessage, TtyProgress } from "../run-guard";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

export interface LintOptions {
  dialect?: DialectOption;
  format: FormatName;
  maxWarnings?: number;
  /** A settings file (`--config`), false (`--no-config`: none), or undefined: the nearest `.emqx-acl.json` above each file. */
  config?: string | false;
  /** false (`--no-group`): every finding in pretty and github output. */
  group?: boolean;
  /** Report errors only. */
  quiet?: boolean;
  /** Apply the safe fixes and rewrite the files; the report shows what remains. */
  fix?: boolean;
  /** With --fix: rewrite read-only files too (they stay read-only). */
  force?: boolean;
  /** `--color` / `--no-color`; undefined: FORCE_COLOR, NO_COLOR, then whether stdout is a terminal. */
  color?: boolean;
}

/** Where lint reads and writes; the real process by default, fakes in tests. */
export interface LintIO {
  stdout: ChunkSink & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  readStdin?: () => Uint8Array;
  /** Progress goes here when it is a terminal (default: none). */
  stderr?: { write(s: string): unknown; isTTY?: boolean };
  /** Stops the analysis before the heap runs out (default: one reading Node's heap). */
  guard?: MemoryGuard;
}

function parseMaxWarnings(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a whole number >= 0");
  return Number(value);
}

/** How a run watches itself: memory and progress (none by default, e.g. in tests). */
export interface LintRun {
  guard: MemoryGuard;
  progress: TtyProgress;
}

/** A file read and decoded as `file:consult` decodes it (its bytes already let go). */
export interface DecodedFile {
  path: string;
  decoded: DecodeResult;
}

/**
 * Lints one file (its bytes, or their decoded text) into a reporter result. The term tree
 * is dropped once the rules are lowered (reporters only need the forms' spans): it is half
 * of what a file holds.
 */
export function lintBytes(
  input: InputFile | DecodedFile,
  dialect: DialectOption,
  config: LintConfig,
  run?: LintRun,
): FileResult {
  // bytes are decoded the way file:consult decodes them (here, or already by runLint)
  const options = {
    dialect,
    rules: config.rules,
    keepTerms: false,
    cancel: run?.guard,
    onProgress:
      run && ((phase: string, done: number, total: number) => run.progress.report(input.path, phase, done, total)),
  };
  let analysis;
  try {
    analysis = analyzeDocument("bytes" in input ? input.bytes : input.decoded, options);
  } catch (err) {
    if (err instanceof AnalysisCancelled && run?.guard.stopped)
      throw new UsageError(outOfMemoryMessage(input.path, run.guard.stopped, run.progress.where));
    throw err;
  } finally {
    run?.progress.clear();
  }
  return {
    path: input.path,
    text: analysis.parse.text,
    dialect: analysis.lowered?.dialect ?? null,
    dialectNote: analysis.lowered?.dialectNote ?? null,
    diagnostics: analysis.diagnostics,
    // span-only forms (keepTerms: false): their spans as they are, not one more object each
    forms: analysis.parse.forms satisfies Span[],
  };
}

/** 0 when clean enough, 1 otherwise. */
export function exitCodeFor(summary: Summary, maxWarnings: number | undefined): 0 | 1 {
  if (summary.errors > 0) return 1;
  return maxWarnings !== undefined && summary.warnings > maxWarnings ? 1 : 0;
}

/** The settings for each file: `--config`'s, none, or the nearest `.emqx-acl.json` above it (as ESLint and ruff). */
function settingsPerFile(files: string[], config: string | false | undefined, cwd: string): LintConfig[] {
  if (typeof config === "string") return files.map(() => loadLintConfig(config));
  if (config === false) return files.map(() => ({}));
  const byDir = new Map<string, LintConfig>();
  return files.map((f) => {
    const dir = f === "-" ? cwd : dirname(resolve(cwd, f));
    if (!byDir.has(dir)) byDir.set(dir, discoverLintConfig(dir));
    return byDir.get(dir)!;
  });
}

/** A stat, or undefined when the path cannot be stat'ed (readInput then says why). */
function statOrUndefined(path: string): ReadSnapshot["stat"] | undefined {
  try {
    return statForSnapshot(path);
  } catch {
    return undefined;
  }
}

/** What `--fix` did to one file. */
type FixOutcome = { fixed: number; written: boolean; refused?: string };

/**
 * Lints, applies the safe fixes and lints again until nothing is left to fix; writes the
 * file atomically (safe-rewrite) when it changed. The result is the fixed text's, or the
 * original's when the file was not written. Fixes that would add an error are dropped.
 */
function lintAndFix(
  input: InputFile,
  stat: ReadSnapshot["stat"] | undefined,
  dialect: DialectOption,
  config: LintConfig,
  run: LintRun,
  force: boolean | undefined,
): { result: FileResult; outcome: FixOutcome } {
  const original = lintBytes(input, dialect, config, run);
  const errors = (r: FileResult) => r.diagnostics.filter((d) => d.severity === "error").length;
  const encoding = decodeAclBytes(input.bytes).encoding === "latin1" ? "latin1" : "utf8";
  let result = original;
  let fixed = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const next = fixPass(result.text, result.diagnostics);
    if (next.fixed === 0 || next.text === result.text) break;
    const relinted = lintBytes({ path: input.path, bytes: Buffer.from(next.text, encoding) }, dialect, config, run);
    if (errors(relinted) > errors(original)) break;
    result = relinted;
    fixed += next.fixed;
  }
  if (fixed === 0) return { result: original, outcome: { fixed: 0, written: false } };
  if (!stat) throw new UsageError(`cannot write '${input.path}': it could not be stat'ed when it was read`);
  const done = rewriteFile(input.path, { stat, bytes: input.bytes }, Buffer.from(result.text, encoding), { force });
  if (done !== "written")
    return { result: original, outcome: { fixed: 0, written: false, refused: notWrittenReason(done, "fixing") } };
  return { result, outcome: { fixed, written: true } };
}

/** Runs lint; throws UsageError (exit 2) before printing anything if an input is unreadable. */
export async function runLint(args: string[], options: LintOptions, io: LintIO): Promise<number> {
  const files = expandLintTargets(args, io.cwd);
  if (options.fix && files.includes("-")) throw new UsageError("--fix rewrites files; it cannot fix standard input");
  // every settings file is checked before any input is read or reported
  const configs = settingsPerFile(files, options.config, io.cwd);
  // --fix: the stat is taken before the read, so a later edit shows and is not overwritten
  const stats = options.fix ? files.map(statOrUndefined) : [];
  const read = files.map((f) => readInput(f, io.readStdin));
  // without --fix only the text is needed: decoded now, the bytes are not held through the
  // analysis (57 MB on the 610k-rule fleet file)
  const inputs: (InputFile | DecodedFile)[] = options.fix
    ? read
    : read.splice(0).map(({ path, bytes }) => ({ path, decoded: decodeAclBytes(bytes) }));
  const run = { guard: io.guard ?? new MemoryGuard(), progress: new TtyProgress(io.stderr ?? { write: () => true }) };
  const dialectOf = (i: number) => options.dialect ?? configs[i].dialect ?? "auto";
  let notWritten = false;
  const all = inputs.map((input, i) => {
    if (!("bytes" in input)) return lintBytes(input, dialectOf(i), configs[i], run);
    const { result, outcome } = lintAndFix(input, stats[i], dialectOf(i), configs[i], run, options.force);
    if (outcome.refused) {
      notWritten = true;
      io.stderr?.write(`${input.path}: ${outcome.refused}\n`);
    } else if (outcome.fixed > 0)
      io.stderr?.write(`${input.path}: fixed ${outcome.fixed} problem${outcome.fixed === 1 ? "" : "s"}\n`);
    return result;
  });
  // --quiet: errors only, as ESLint's (warnings neither shown nor counted)
  const results = options.quiet
    ? all.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === "error") }))
    : all;
  const context = {
    cwd: io.cwd,
    color: useColor(io.stdout, io.env, options.color),
    toolVersion: VERSION,
    group: options.group !== false,
  };
  // a piece at a time: a huge file's report is never one string, nor all pending on a pipe
  for (const chunk of reportChunks[options.format](results, context)) {
    const wait = writeChunk(io.stdout, chunk);
    if (wait) await wait;
  }
  return notWritten ? 2 : exitCodeFor(summarize(results), options.maxWarnings);
}

export function register(program: Command): void {
  addEmqxOption(program.command("lint"), {
    key: "dialect",
    auto: true,
    description: "EMQX version the files are for (default: auto, or the settings file's)",
  })
    .description("report what EMQX would refuse to load and likely mistakes in acl.conf files")
    .argument(
      "<files...>",
      "acl files to check: files, directories (their acl.conf, *.acl.conf, *-acl.conf, *_acl.conf files, recursively), quoted globs, - for standard input",
    )
    .addOption(new Option("--format <format>", "output format").choices(formatNames).default("pretty"))
    .option("--no-group", "pretty and github: show every finding, not identical ones once with a count")
    .option("--quiet", "report errors only (warnings and infos are neither shown nor counted)")
    .option("--color", "colour pretty output even when stdout is not a terminal (also FORCE_COLOR=1)")
    .option("--no-color", "never colour pretty output (also NO_COLOR=1)")
    .option("--fix", "apply the safe fixes (the fixable rules of docs/rules) to the files, then report what remains")
    .option("--force", "with --fix: also rewrite read-only files (they stay read-only)")
    .option(
      "--max-warnings <n>",
      "exit 1 when there are more warnings than this (default: unlimited)",
      parseMaxWarnings,
    )
    .option(
      "--config <path>",
      "settings file: dialect and per-rule severities (default: the nearest .emqx-acl.json above each file)",
    )
    .option("--no-config", "use no settings file")
    .action(async (files: string[], options: LintOptions) => {
      process.exitCode = await runLint(files, options, {
        stdout: process.stdout,
        stderr: process.stderr,
        cwd: process.cwd(),
        env: process.env,
      });
    });
}
