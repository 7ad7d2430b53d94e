/**
 * `emqx-acl analyze --engine v4|v5|v6 [--format json|pretty] FILE`: for every rule, whether
 * some request reaches it (with a witness request), or which earlier rules cover it.
 *
 * `emqx-acl analyze --config emqx.conf [--source-rules TYPE=FILE]…`: the authorization
 * chain's dead ends — sources never consulted because an earlier source answers every
 * request, and a no_match no request uses.
 *
 * Exit codes: 0 = analysed; 1 = the engine refuses to load the file (reported with
 * file:line:col on stderr); 2 = usage or I/O error.
 */
import { terminalText } from "../terminal-text";
import {
  AnalysisCancelled,
  analyzeRuleSet,
  loadRuleSet,
  refusalLine,
  witnessText,
  type LoadedRuleSet,
} from "@emqx-acl/analysis";
import type { Dialect } from "@emqx-acl/core";
import type { LineIndex } from "@emqx-acl/syntax";
import { Option, type Command } from "commander";
import { readInput, type InputFile } from "../read-input";
import { batch } from "../reporters/batch";
import { writeChunk, type ChunkSink } from "../write-chunk";
import { MemoryGuard, outOfMemoryMessage, TtyProgress } from "../run-guard";
import { UsageError } from "../usage-error";
import { locText, unreachableSources, type Chain } from "@emqx-acl/chain";
import { addChainOptions, checkChainFlags, loadChainForCli, usageError, type ChainFlags } from "../chain-options";
import { addEmqxOption } from "../emqx-option";

export interface AnalyzeCliOptions extends Partial<ChainFlags> {
  engine: Dialect;
  format: "json" | "pretty";
  securityProfile?: "legacy" | "hardened";
}

interface IO {
  stdout: ChunkSink;
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Stops the analysis before the heap runs out (default: one reading Node's heap). */
  guard?: MemoryGuard;
}

/**
 * Parse and lower only (the lint rules are not needed here, and the exact analysis after
 * is the expensive part); the term tree dies with this frame, before the analysis runs.
 */
function load(
  input: InputFile,
  engine: Dialect,
): Pick<LoadedRuleSet, "lowered" | "diagnostics"> & { lineIndex: LineIndex } {
  const { lowered, diagnostics, parse } = loadRuleSet(input.bytes, { dialect: engine });
  return { lowered, diagnostics, lineIndex: parse.lineIndex };
}

/**
 * Runs the analysis of one file and prints it; resolves to the exit code. The report goes
 * out a piece at a time with backpressure: on the 610k-rule fleet file it is ~200 MB, never
 * one string nor all pending on a pipe.
 */
export async function runAnalyze(file: string, options: AnalyzeCliOptions, io: IO): Promise<number> {
  const input = readInput(file);
  const doc = load(input, options.engine);
  const rs = doc.lowered.ruleSet;
  const refused = refusalLine(doc, input.path, options.engine);
  if (refused) {
    io.stderr.write(`${terminalText(refused)}\n`);
    return 1;
  }
  const guard = io.guard ?? new MemoryGuard();
  const progress = new TtyProgress(io.stderr);
  let result;
  try {
    result = analyzeRuleSet(rs, {
      profile: options.securityProfile,
      cancel: guard,
      progress: (done, total) => progress.report(input.path, "reachability", done, total),
    });
  } catch (err) {
    if (err instanceof AnalysisCancelled && guard.stopped)
      throw new UsageError(outOfMemoryMessage(input.path, guard.stopped, progress.where));
    throw err;
  } finally {
    progress.clear();
  }
  const pieces =
    options.format === "json"
      ? jsonPieces(input.path, result.engine, result.rules)
      : prettyLines(input.path, result.engine, result.rules, lineStarts(rs.rules, doc.lineIndex));
  for (const chunk of batch(pieces)) {
    const wait = writeChunk(io.stdout, chunk);
    if (wait) await wait;
  }
  return 0;
}

type AnalyzedRules = ReturnType<typeof analyzeRuleSet>["rules"];

/** `JSON.stringify({ path, engine, rules })` and a newline, one rule at a time. */
function* jsonPieces(path: string, engine: Dialect, rules: AnalyzedRules): Generator<string> {
  yield `{"path":${JSON.stringify(path)},"engine":${JSON.stringify(engine)},"rules":[`;
  for (let i = 0; i < rules.length; i++) yield `${i ? "," : ""}${JSON.stringify(rules[i])}`;
  yield "]}\n";
}

/** Rule number → its first line (1-based). */
function lineStarts(rules: { index: number; start: number }[], li: LineIndex): Map<number, number> {
  return new Map(rules.map((r) => [r.index, li.position(r.start).line + 1]));
}

function* prettyLines(
  path: string,
  engine: Dialect,
  rules: AnalyzedRules,
  lineOf: Map<number, number>,
): Generator<string> {
  const count = (s: string) => rules.filter((r) => r.status === s).length;
  const line = (s: string) => `${terminalText(s)}\n`;
  yield line(
    `${path} (EMQX ${engine}): ${rules.length} rules, ${count("reachable")} reachable, ${count("unreachable")} unreachable, ${count("unknown")} unknown`,
  );
  for (const r of rules) {
    const at = `${path}:${lineOf.get(r.rule) ?? "?"}`;
    if (r.status === "reachable")
      yield line(`  rule ${r.rule} (${at}) reachable, e.g. ${witnessText(r.witness)}${r.note ? ` (${r.note})` : ""}`);
    else if (r.status === "unreachable")
      yield line(
        `  rule ${r.rule} (${at}) UNREACHABLE: ${r.coveredBy.length ? `every request it matches is decided earlier by ${r.coveredBy.map((i) => `rule ${i} (line ${lineOf.get(i)})`).join(" + ")}` : (r.reason ?? "it matches no request")}`,
      );
    else yield line(`  rule ${r.rule} (${at}) unknown: ${r.reason}`);
  }
}

function chainPretty(chain: Chain, path: string): string {
  const findings = unreachableSources(chain);
  const out = [
    `${path} (EMQX ${chain.dialect}): ${chain.stages.length} source(s), ${findings.filter((f) => f.id === "source-unreachable").length} never consulted`,
  ];
  for (const { source, model } of chain.stages) {
    const dead = findings.find((f) => f.source === source.number);
    const what = `source ${source.number} (${source.type}${model ? `, ${model.path}` : ""})`;
    if (dead) out.push(`  ${what} UNREACHABLE (${locText(chain.files, dead.loc)}): ${dead.message}`);
    else
      out.push(
        `  ${what}: ${!source.enable ? "disabled" : model ? "consulted" : "consulted, not modelled (answers nothing here)"}`,
      );
  }
  const unused = findings.find((f) => f.id === "no-match-unused");
  if (unused) out.push(`  ${unused.message}`);
  return `${out.join("\n")}\n`;
}

/** Runs `analyze --config`; returns the exit code (1 when EMQX refuses the configuration). */
export function runChainAnalyze(options: AnalyzeCliOptions & { engine?: Dialect }, io: IO): number {
  const chain = loadChainForCli(options, options.engine ?? "auto", options.securityProfile ?? "legacy", io.stderr);
  if (chain === null) return 1;
  if (options.format === "json") {
    const findings = unreachableSources(chain).map((f) => ({ ...f, loc: undefined, at: locText(chain.files, f.loc) }));
    io.stdout.write(`${JSON.stringify({ config: options.config, engine: chain.dialect, findings })}\n`);
    return 0;
  }
  io.stdout.write(terminalText(chainPretty(chain, options.config!)));
  return 0;
}

export function register(program: Command): void {
  const cmd = addEmqxOption(program.command("analyze"), {
    key: "engine",
    description: "EMQX version (with --config: detected unless given)",
  })
    .description(
      "prove which rules can fire (with a witness request) and which are covered by earlier rules; with --config, which authorization sources are never consulted",
    )
    .argument("[file]", "acl.conf file (- for standard input); not with --config")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .addOption(
      new Option("--security-profile <profile>", "EMQX 6 node security profile").choices(["legacy", "hardened"]),
    );
  addChainOptions(cmd).action(async (file: string | undefined, options: AnalyzeCliOptions) => {
    const io = { stdout: process.stdout, stderr: process.stderr };
    checkChainFlags(cmd, options);
    // the rules of a live source depend on the client: there is no one rule set to analyze
    if (options.sourceUrl?.length)
      usageError(
        cmd,
        "--source-url applies to check and explain (a live source's rules depend on the client); give --source-rules",
      );
    if (options.config) {
      if (file !== undefined) usageError(cmd, "with --config, give no acl file (they come from the configuration)");
      process.exitCode = runChainAnalyze(options, io);
      return;
    }
    if (file === undefined) usageError(cmd, "give the acl file (or --config emqx.conf)");
    if (!options.engine) usageError(cmd, "required option '--emqx <version>' not specified");
    process.exitCode = await runAnalyze(file, options, io);
  });
}
