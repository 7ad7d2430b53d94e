/**
 * `emqx-acl diff --engine v4|v5|v6 OLD NEW` or `diff --engine … --baseline REF FILE`: the
 * requests whose decision changes between two versions of an acl.conf file (the second form
 * reads the old version from git), grouped by (old rule, new rule), each with a witness
 * request. It is also the no-new-access gate: `--accept FILE` lists newly allowed access
 * that is accepted (docs/accept-file.md). Formats: pretty, json, sarif, markdown.
 *
 * `emqx-acl diff --config OLD.conf --config NEW.conf …`: two authorization chains (chain-diff.ts).
 *
 * Exit codes: 0 = nothing newly allowed that is not accepted (newly denied access is
 * reported, never failing); 1 = something newly allowed is not accepted, or a file does not
 * load (reported with file:line:col); 2 = usage or I/O error, a bad accepted-changes file
 * (file:line:col), or a --baseline that git cannot resolve.
 */
import { loadRuleSet, refusalLine } from "@emqx-acl/analysis";
import type { Dialect } from "@emqx-acl/core";
import { Option, type Command } from "commander";
import { TestFileError } from "../authz-tests/yaml-reader";
import { parseAcceptFile, type AcceptFile } from "../gate/accept-file";
import { gateDiff, type GateClass, type GateResult } from "../gate/gate-diff";
import { gateMarkdown } from "../gate/gate-markdown";
import { gateSarif } from "../gate/gate-sarif";
import { sideText, witnessText, type GateFile, type GateSides } from "../gate/gate-text";
import { readAtRef } from "../gate/git-baseline";
import { readInput } from "../read-input";
import { terminalText } from "../terminal-text";
import { UsageError } from "../usage-error";
import { VERSION } from "../version";
import { runChainDiff, type ChainDiffOptions } from "../chain-diff";
import { sourceRulesOption, usageError } from "../chain-options";
import { addEmqxOption } from "../emqx-option";

export interface DiffCliOptions {
  engine: Dialect;
  format: "json" | "pretty" | "sarif" | "markdown";
  /** Compare FILE with its version at this git ref. */
  baseline?: string;
  /** The accepted-changes file. */
  accept?: string;
}

interface IO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Directory SARIF paths are relative to (default: the process's). */
  cwd?: string;
}

function load(path: string, bytes: Uint8Array, engine: Dialect, io: IO): GateFile | null {
  const loaded = loadRuleSet(bytes, { dialect: engine });
  const refusal = refusalLine(loaded, path, engine);
  if (refusal === null) return { path, text: loaded.parse.text, rules: loaded.lowered.ruleSet.rules };
  io.stderr.write(`${terminalText(refusal)}\n`);
  return null;
}

function readAccept(path: string): AcceptFile {
  const input = readInput(path);
  try {
    return parseAcceptFile(input.path, new TextDecoder().decode(input.bytes));
  } catch (e) {
    if (e instanceof TestFileError) throw new UsageError(e.message);
    throw e;
  }
}

/** The two versions' paths and bytes: two files, or one file and its version at --baseline. */
function inputs(oldFile: string, newFile: string | undefined, baseline: string | undefined) {
  if (baseline !== undefined) {
    if (newFile !== undefined)
      throw new UsageError("with --baseline give one file (it is compared with its version at the ref)");
    const current = readInput(oldFile);
    return { old: readAtRef(oldFile, baseline), new: current };
  }
  if (newFile === undefined) throw new UsageError("give two files (OLD NEW), or one file with --baseline REF");
  return { old: readInput(oldFile), new: readInput(newFile) };
}

/** Compares two versions; returns the exit code. */
export function runDiff(oldFile: string, newFile: string | undefined, options: DiffCliOptions, io: IO): number {
  const files = inputs(oldFile, newFile, options.baseline);
  const accept = options.accept === undefined ? null : readAccept(options.accept);
  const a = load(files.old.path, files.old.bytes, options.engine, io);
  const b = load(files.new.path, files.new.bytes, options.engine, io);
  if (!a || !b) return 1;
  const sides: GateSides = { old: a, new: b, dialect: options.engine };
  let result: GateResult;
  try {
    result = gateDiff({ oldRules: a.rules, newRules: b.rules, newText: b.text, dialect: options.engine }, accept);
  } catch (e) {
    if (e instanceof TestFileError) throw new UsageError(e.message);
    throw e;
  }
  io.stdout.write(report(result, sides, options, io.cwd ?? process.cwd()));
  return result.unaccepted > 0 ? 1 : 0;
}

function report(r: GateResult, s: GateSides, o: DiffCliOptions, cwd: string): string {
  if (o.format === "sarif") return `${JSON.stringify(gateSarif(r, s, cwd, VERSION), null, 2)}\n`;
  if (o.format === "markdown") return gateMarkdown(r, s);
  if (o.format === "json") return `${JSON.stringify(jsonReport(r, s, o.accept))}\n`;
  return terminalText(pretty(r, s, o.accept));
}

function jsonReport(r: GateResult, s: GateSides, acceptPath: string | undefined) {
  const accepted = (c: GateClass) =>
    c.accepted
      ? {
          entry: c.accepted.n,
          reason: c.accepted.reason,
          at: `${acceptPath}:${c.accepted.at.line}:${c.accepted.at.column}`,
        }
      : null;
  const newlyAllowed = r.newlyAllowed.map((c) => ({
    from: c.from,
    to: c.to,
    witness: c.witness,
    accepted: accepted(c),
  }));
  const unused = r.unused.map((e) => ({
    entry: e.n,
    reason: e.reason,
    at: `${acceptPath}:${e.at.line}:${e.at.column}`,
  }));
  return {
    old: s.old.path,
    new: s.new.path,
    engine: s.dialect,
    newlyAllowed,
    newlyDenied: r.newlyDenied,
    changed: r.changed,
    unaccepted: r.unaccepted,
    unusedAcceptEntries: unused,
  };
}

function pretty(r: GateResult, s: GateSides, acceptPath: string | undefined): string {
  const unused = r.unused
    .map((e) => `${acceptPath}:${e.at.line}:${e.at.column}: accept entry ${e.n} accepts nothing in this change\n`)
    .join("");
  const total = r.newlyAllowed.length + r.newlyDenied.length + r.changed.length;
  if (!total) return `${s.old.path} → ${s.new.path} (EMQX ${s.dialect}): no request changes its decision\n${unused}`;
  const out = [`${s.old.path} → ${s.new.path} (EMQX ${s.dialect}):`];
  const group = (title: string, list: (GateClass | GateResult["changed"][number])[]) => {
    if (!list.length) return;
    out.push(`${title} (${list.length} class${list.length === 1 ? "" : "es"}):`);
    for (const c of list) {
      const note = "accepted" in c && c.accepted ? `  [accepted by entry ${c.accepted.n}: ${c.accepted.reason}]` : "";
      out.push(`  ${sideText(c.from, s.old)} → ${sideText(c.to, s.new)}: e.g. ${witnessText(c.witness)}${note}`);
    }
  };
  group("NEWLY ALLOWED", r.newlyAllowed);
  group("newly denied or no longer allowed", r.newlyDenied);
  group("deny ↔ no match (another source or no_match decides)", r.changed);
  if (r.newlyAllowed.length)
    out.push(`${r.unaccepted} newly allowed class${r.unaccepted === 1 ? "" : "es"} not accepted`);
  return `${out.join("\n")}\n${unused}`;
}

function collect(v: string, acc: string[] | undefined): string[] {
  return [...(acc ?? []), v];
}

interface DiffFlags {
  engine?: Dialect;
  engineNew?: Dialect;
  format: DiffCliOptions["format"];
  baseline?: string;
  accept?: string;
  config?: string[];
  sourceRules?: ChainDiffOptions["sourceRules"];
  emqxEnv?: string;
  securityProfile?: "legacy" | "hardened";
}

export function register(program: Command): void {
  const base = addEmqxOption(program.command("diff"), {
    key: "engine",
    description: "EMQX version (with --config: detected unless given; applies to both)",
  });
  const cmd = addEmqxOption(base, {
    key: "engineNew",
    suffix: "new",
    description: "with --config: EMQX version of the proposed configuration (an upgrade, e.g. 5 → 6)",
  })
    .description(
      "show which requests two versions of an acl.conf file decide differently; fail (exit 1) on newly allowed access not accepted; with --config twice, two authorization chains",
    )
    .argument(
      "[old]",
      "the current acl.conf (with --baseline: the acl file, compared with its version at REF; not with --config)",
    )
    .argument("[new]", "the proposed acl.conf")
    .addOption(
      new Option("--format <format>", "output format (sarif and markdown: acl files only)")
        .choices(["pretty", "json", "sarif", "markdown"])
        .default("pretty"),
    )
    .option("--baseline <ref>", "compare the file with its version at this git ref (git show REF:path)")
    .option("--accept <file>", "accepted-changes file (YAML or JSON): newly allowed access that does not fail the gate")
    .option(
      "--config <emqx.conf>",
      "twice: the current and the proposed EMQX configuration; compares the authorization chains",
      collect,
    )
    .option(
      "--source-rules <type=file>",
      "with --config: a database source's rules, for both configurations (repeatable)",
      sourceRulesOption,
    )
    .option("--emqx-env <file>", "with --config: the node's environment (KEY=VALUE lines), for both")
    .addOption(
      new Option("--security-profile <profile>", "with --config: EMQX 6 security profile").choices([
        "legacy",
        "hardened",
      ]),
    );
  cmd.action((oldFile: string | undefined, newFile: string | undefined, options: DiffFlags) => {
    const io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
    if (options.config) {
      if (options.config.length !== 2)
        usageError(cmd, "give --config twice: the current configuration, then the proposed one");
      if (oldFile !== undefined)
        usageError(cmd, "with --config, give no acl files (they come from the configurations)");
      if (options.baseline !== undefined || options.accept !== undefined)
        usageError(cmd, "--baseline and --accept compare acl files, not --config chains");
      if (options.format === "sarif" || options.format === "markdown")
        usageError(cmd, `--format ${options.format} is for acl files; with --config use pretty or json`);
      const { baseline: _b, accept: _a, ...chain } = options;
      process.exitCode = runChainDiff(
        { ...chain, format: options.format as "pretty" | "json", configs: options.config, config: undefined },
        io,
      );
      return;
    }
    if (options.sourceRules || options.engineNew || options.emqxEnv)
      usageError(cmd, "--source-rules, --emqx-new and --emqx-env need --config (twice)");
    if (oldFile === undefined)
      usageError(cmd, "give two files (OLD NEW), one file with --baseline REF, or --config OLD.conf --config NEW.conf");
    if (!options.engine) usageError(cmd, "required option '--emqx <version>' not specified");
    process.exitCode = runDiff(
      oldFile,
      newFile,
      { engine: options.engine, format: options.format, baseline: options.baseline, accept: options.accept },
      io,
    );
  });
}
