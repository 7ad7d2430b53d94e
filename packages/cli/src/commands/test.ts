/**
 * `emqx-acl test [--dialect v4|v5|v6|auto] [--format pretty|json|junit|github]
 * [--coverage-lcov FILE] [--min-coverage PCT] ACL_FILE TESTS...`: runs authorization test
 * cases (YAML or JSON, docs/test-files.md) against the acl file with EMQX's decision engine,
 * proves the files' properties for every client, and reports rule coverage. Exit 0 when every
 * case passes and every property is proved (and coverage reaches the minimum), 1 when not or
 * when EMQX refuses the acl file, 2 on a usage / I/O error or a bad test file.
 * `--config emqx.conf TESTS...`: the cases are decided by the configuration's whole
 * authorization chain instead (as `check --config`; database sources from `--source-rules`).
 */
import { writeFileSync } from "node:fs";
import type { Dialect } from "@emqx-acl/core";
import { InvalidArgumentError, Option, type Command } from "commander";
import { buildReport } from "../authz-tests/build-report";
import { lcovRecord } from "../authz-tests/coverage";
import { parseTestFile, type TestFile } from "../authz-tests/parse-test-file";
import { reportText, type TestFormat } from "../authz-tests/report-format";
import { passed } from "../authz-tests/test-report";
import { TestFileError } from "../authz-tests/yaml-reader";
import { readFailure, readInput } from "../read-input";
import { terminalText } from "../terminal-text";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";
import { buildChainReport } from "../authz-tests/chain-report";
import { addChainOptions, checkChainFlags, loadChainForCli, usageError, type ChainFlags } from "../chain-options";
import type { TestReport } from "../authz-tests/test-report";

export interface TestOptions {
  dialect: Dialect | "auto";
  format: TestFormat;
  securityProfile: "legacy" | "hardened";
  coverageLcov?: string;
  minCoverage?: number;
}

export interface TestIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

/** Reads and parses one test file; a mistake in it is a usage error naming `file:line:col`. */
export function loadTestFile(path: string): TestFile {
  const input = readInput(path);
  try {
    return parseTestFile(input.path, new TextDecoder().decode(input.bytes));
  } catch (e) {
    if (e instanceof TestFileError) throw new UsageError(e.message);
    throw e;
  }
}

function writeLcov(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write '${path}': ${readFailure(e)}`);
  }
}

/** Runs the test files against the acl file; returns the exit code. */
export function runTest(aclFile: string, testFiles: string[], o: TestOptions, io: TestIO): number {
  if (testFiles.filter((f) => f === "-").length + (aclFile === "-" ? 1 : 0) > 1)
    throw new UsageError("only one input can be read from stdin");
  const input = readInput(aclFile);
  const files = testFiles.map(loadTestFile);
  const built = buildReport(input.path, input.bytes, files, {
    dialect: o.dialect,
    securityProfile: o.securityProfile,
    minCoverage: o.minCoverage ?? null,
  });
  if ("refusal" in built) {
    io.stderr.write(`${terminalText(built.refusal)}\n`);
    return 1;
  }
  const { report, dialectNote } = built;
  if (dialectNote && o.format === "pretty") io.stderr.write(`${terminalText(dialectNote)}\n`);
  return writeReport(report, input.path, o, io);
}

function writeReport(report: TestReport, aclPath: string, o: TestOptions, io: TestIO): number {
  if (o.coverageLcov !== undefined) writeLcov(o.coverageLcov, lcovRecord(report.coverage, aclPath));
  io.stdout.write(reportText(report, o.format, io.cwd));
  return passed(report) ? 0 : 1;
}

/** `test --config`: the cases through the configuration's authorization chain; returns the exit code. */
function runChainTest(testFiles: string[], o: TestOptions & ChainFlags, io: TestIO): number {
  if (testFiles.filter((f) => f === "-").length > 1) throw new UsageError("only one input can be read from stdin");
  const files = testFiles.map(loadTestFile);
  const chain = loadChainForCli(o, o.dialect, o.securityProfile, io.stderr);
  if (chain === null) return 1;
  const report = buildChainReport(o.config!, chain, files, o.minCoverage ?? null);
  return writeReport(report, report.aclPath, o, io);
}

function parsePercent(v: string): number {
  if (!/^\d+(\.\d+)?$/.test(v) || Number(v) > 100)
    throw new InvalidArgumentError("expected a percentage from 0 to 100");
  return Number(v);
}

/** Registers `test`. */
export function register(program: Command): void {
  const cmd = addEmqxOption(program.command("test"), {
    key: "dialect",
    auto: true,
    defaultValue: "auto",
    description: "EMQX version",
  })
    .description(
      "run authorization test cases and properties (YAML/JSON) against an acl file, or with --config against the whole authorization chain; report failures and rule coverage",
    )
    .argument("<acl-file>", "acl.conf (- for stdin); with --config: the first test file")
    .argument("[tests...]", "test files (.yaml, .yml or .json)")
    .addOption(
      new Option("--format <f>", "output format").choices(["pretty", "json", "junit", "github"]).default("pretty"),
    )
    .addOption(
      new Option("--security-profile <p>", "EMQX 6 security profile").choices(["legacy", "hardened"]).default("legacy"),
    )
    .option("--coverage-lcov <file>", "also write rule coverage as LCOV to this file")
    .option(
      "--min-coverage <pct>",
      "fail (exit 1) when fewer than this percentage of rules decide a case",
      parsePercent,
    );
  addChainOptions(cmd).action((aclFile: string, tests: string[], opts: TestOptions & ChainFlags) => {
    checkChainFlags(cmd, opts);
    const io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
    if (opts.config) {
      if (opts.sourceUrl?.length)
        usageError(cmd, "test --config reads database sources from --source-rules seeds, not --source-url");
      process.exitCode = runChainTest([aclFile, ...tests], opts, io);
      return;
    }
    if (tests.length === 0)
      usageError(cmd, "missing the test files: test ACL_FILE TESTS... (or --config emqx.conf TESTS...)");
    process.exitCode = runTest(aclFile, tests, opts, io);
  });
}
