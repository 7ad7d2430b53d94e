/**
 * `emqx-acl diff --engine v4|v5|v6 OLD NEW [--format json|pretty]`: the requests whose
 * decision changes between two acl.conf files, grouped by (old rule, new rule), each with
 * a witness request.
 *
 * `emqx-acl diff --config OLD.conf --config NEW.conf …`: two authorization chains (chain-diff.ts).
 *
 * Exit codes: 0 = nothing newly allowed; 1 = something is newly allowed, or a file does
 * not load (reported with file:line:col); 2 = usage or I/O error.
 */
import { terminalText } from "../terminal-text";
import { loadRuleSet, refusalLine, PartitionTooLarge, semanticDiff, type DiffClass, type SemanticDiff } from "@emqx-acl/analysis";
import { UsageError } from "../usage-error";
import type { Dialect, RuleSet } from "@emqx-acl/core";
import { Option, type Command } from "commander";
import { readInput } from "../read-input";
import { runChainDiff, type ChainDiffOptions } from "../chain-diff";
import { sourceRulesOption, usageError } from "../chain-options";

export interface DiffCliOptions {
  engine: Dialect;
  format: "json" | "pretty";
}

interface IO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

function load(file: string, engine: Dialect, io: IO): { path: string; rules: RuleSet } | null {
  const input = readInput(file);
  const loaded = loadRuleSet(input.bytes, { dialect: engine });
  const refusal = refusalLine(loaded, input.path, engine);
  if (refusal === null) return { path: input.path, rules: loaded.lowered.ruleSet };
  io.stderr.write(`${terminalText(refusal)}\n`);
  return null;
}

/** Compares two files; returns the exit code. */
export function runDiff(oldFile: string, newFile: string, options: DiffCliOptions, io: IO): number {
  const a = load(oldFile, options.engine, io);
  const b = load(newFile, options.engine, io);
  if (!a || !b) return 1;
  let d: SemanticDiff;
  try {
    d = semanticDiff(a.rules.rules, b.rules.rules, options.engine);
  } catch (e) {
    if (!(e instanceof PartitionTooLarge)) throw e;
    throw new UsageError("the two files together distinguish too many kinds of clients to compare exactly (identity partition limit reached)");
  }
  if (options.format === "json") io.stdout.write(`${JSON.stringify({ old: a.path, new: b.path, engine: options.engine, ...d })}\n`);
  else io.stdout.write(terminalText(pretty(a.path, b.path, options.engine, d)));
  return d.newlyAllowed.length ? 1 : 0;
}

function side(s: DiffClass["from"]): string {
  return s.rule === null ? "no match" : `${s.decision} (rule ${s.rule})`;
}

function line(c: DiffClass): string {
  const w = c.witness;
  const who = `${w.username === null ? "no username" : `username ${JSON.stringify(w.username)}`}, clientid ${JSON.stringify(w.clientid)}${w.peerhost ? `, from ${w.peerhost}` : ""}`;
  return `  ${side(c.from)} → ${side(c.to)}: e.g. ${w.action} ${JSON.stringify(w.topic)} qos ${w.qos}${w.retain ? " retained" : ""} by ${who}`;
}

function pretty(oldPath: string, newPath: string, engine: Dialect, d: SemanticDiff): string {
  const total = d.newlyAllowed.length + d.newlyDenied.length + d.changed.length;
  if (!total) return `${oldPath} → ${newPath} (EMQX ${engine}): no request changes its decision\n`;
  const out = [`${oldPath} → ${newPath} (EMQX ${engine}):`];
  const group = (title: string, list: DiffClass[]) => {
    if (!list.length) return;
    out.push(`${title} (${list.length} class${list.length === 1 ? "" : "es"}):`);
    for (const c of list) out.push(line(c));
  };
  group("NEWLY ALLOWED", d.newlyAllowed);
  group("newly denied or no longer allowed", d.newlyDenied);
  group("deny ↔ no match (another source or no_match decides)", d.changed);
  return `${out.join("\n")}\n`;
}

function collect(v: string, acc: string[] | undefined): string[] {
  return [...(acc ?? []), v];
}

interface DiffFlags {
  engine?: Dialect;
  engineNew?: Dialect;
  format: "json" | "pretty";
  config?: string[];
  sourceRules?: ChainDiffOptions["sourceRules"];
  emqxEnv?: string;
  securityProfile?: "legacy" | "hardened";
}

export function register(program: Command): void {
  const cmd = program
    .command("diff")
    .description("show which requests two acl.conf files decide differently (exit 1 if anything is newly allowed); with --config twice, two authorization chains")
    .argument("[old]", "the current acl.conf (not with --config)")
    .argument("[new]", "the proposed acl.conf")
    .addOption(new Option("--engine <engine>", "EMQX version (with --config: detected unless given; applies to both)").choices(["v4", "v5", "v6"]))
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .option("--config <emqx.conf>", "twice: the current and the proposed EMQX configuration; compares the authorization chains", collect)
    .addOption(new Option("--engine-new <engine>", "with --config: EMQX version of the proposed configuration (an upgrade, e.g. v5 → v6)").choices(["v4", "v5", "v6"]))
    .option("--source-rules <type=file>", "with --config: a database source's rules, for both configurations (repeatable)", sourceRulesOption)
    .option("--emqx-env <file>", "with --config: the node's environment (KEY=VALUE lines), for both")
    .addOption(new Option("--security-profile <profile>", "with --config: EMQX 6 security profile").choices(["legacy", "hardened"]));
  cmd.action((oldFile: string | undefined, newFile: string | undefined, options: DiffFlags) => {
    const io = { stdout: process.stdout, stderr: process.stderr };
    if (options.config) {
      if (options.config.length !== 2) usageError(cmd, "give --config twice: the current configuration, then the proposed one");
      if (oldFile !== undefined) usageError(cmd, "with --config, give no acl files (they come from the configurations)");
      process.exitCode = runChainDiff({ ...options, configs: options.config, config: undefined }, io);
      return;
    }
    if (options.sourceRules || options.engineNew || options.emqxEnv) usageError(cmd, "--source-rules, --engine-new and --emqx-env need --config (twice)");
    if (oldFile === undefined || newFile === undefined) usageError(cmd, "give the two acl files (or --config OLD.conf --config NEW.conf)");
    if (!options.engine) usageError(cmd, "required option '--engine <engine>' not specified");
    process.exitCode = runDiff(oldFile, newFile, { engine: options.engine, format: options.format }, io);
  });
}
