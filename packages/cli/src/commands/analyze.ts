/**
 * `emqx-acl analyze --engine v4|v5|v6 [--format json|pretty] FILE`: for every rule, whether
 * some request reaches it (with a witness request), or which earlier rules cover it.
 *
 * Exit codes: 0 = analysed; 1 = the engine refuses to load the file (reported with
 * file:line:col on stderr); 2 = usage or I/O error.
 */
import { terminalText } from "../terminal-text";
import { AnalysisCancelled, analyzeRuleSet, loadRuleSet, refusalLine, type LoadedRuleSet } from "@emqx-acl/analysis";
import type { Dialect, WireRequest } from "@emqx-acl/core";
import type { LineIndex } from "@emqx-acl/syntax";
import { Option, type Command } from "commander";
import { readInput, type InputFile } from "../read-input";
import { MemoryGuard, outOfMemoryMessage, TtyProgress } from "../run-guard";
import { UsageError } from "../usage-error";

export interface AnalyzeCliOptions {
  engine: Dialect;
  format: "json" | "pretty";
  securityProfile?: "legacy" | "hardened";
}

interface IO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Stops the analysis before the heap runs out (default: one reading Node's heap). */
  guard?: MemoryGuard;
}

/**
 * Parse and lower only (the lint rules are not needed here, and the exact analysis after
 * is the expensive part); the term tree dies with this frame, before the analysis runs.
 */
function load(input: InputFile, engine: Dialect): Pick<LoadedRuleSet, "lowered" | "diagnostics"> & { lineIndex: LineIndex } {
  const { lowered, diagnostics, parse } = loadRuleSet(input.bytes, { dialect: engine });
  return { lowered, diagnostics, lineIndex: parse.lineIndex };
}

/** Runs the analysis of one file and prints it; returns the exit code. */
export function runAnalyze(file: string, options: AnalyzeCliOptions, io: IO): number {
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
    result = analyzeRuleSet(rs, { profile: options.securityProfile, cancel: guard, progress: (done, total) => progress.report(input.path, "reachability", done, total) });
  } catch (err) {
    if (err instanceof AnalysisCancelled && guard.stopped) throw new UsageError(outOfMemoryMessage(input.path, guard.stopped, progress.where));
    throw err;
  } finally {
    progress.clear();
  }
  if (options.format === "json") {
    io.stdout.write(`${JSON.stringify({ path: input.path, engine: result.engine, rules: result.rules })}\n`);
    return 0;
  }
  const lineOf = new Map(rs.rules.map((r) => [r.index, doc.lineIndex.position(r.start).line + 1]));
  io.stdout.write(terminalText(pretty(input.path, result.engine, result.rules, lineOf, doc.lineIndex)));
  return 0;
}

function describeWitness(w: WireRequest): string {
  const who = [w.username === null ? "no username" : `username ${JSON.stringify(w.username)}`, `clientid ${JSON.stringify(w.clientid)}`];
  if (w.peerhost !== null) who.push(`from ${w.peerhost}`);
  if (w.cert_common_name !== null) who.push(`cert CN ${JSON.stringify(w.cert_common_name)}`);
  for (const [k, v] of Object.entries(w.client_attrs)) who.push(`attr ${k}=${JSON.stringify(v)}`);
  const what = `${w.action} ${JSON.stringify(w.topic)} qos ${w.qos}${w.action === "publish" && w.retain ? " retained" : ""}`;
  return `${what} by ${who.join(", ")}`;
}

function pretty(path: string, engine: Dialect, rules: ReturnType<typeof analyzeRuleSet>["rules"], lineOf: Map<number, number>, _li: LineIndex): string {
  const count = (s: string) => rules.filter((r) => r.status === s).length;
  const out = [`${path} (EMQX ${engine}): ${rules.length} rules, ${count("reachable")} reachable, ${count("unreachable")} unreachable, ${count("unknown")} unknown`];
  for (const r of rules) {
    const at = `${path}:${lineOf.get(r.rule) ?? "?"}`;
    if (r.status === "reachable") out.push(`  rule ${r.rule} (${at}) reachable, e.g. ${describeWitness(r.witness)}${r.note ? ` (${r.note})` : ""}`);
    else if (r.status === "unreachable")
      out.push(
        `  rule ${r.rule} (${at}) UNREACHABLE: ${r.coveredBy.length ? `every request it matches is decided earlier by ${r.coveredBy.map((i) => `rule ${i} (line ${lineOf.get(i)})`).join(" + ")}` : (r.reason ?? "it matches no request")}`,
      );
    else out.push(`  rule ${r.rule} (${at}) unknown: ${r.reason}`);
  }
  return `${out.join("\n")}\n`;
}

export function register(program: Command): void {
  program
    .command("analyze")
    .description("prove which rules can fire (with a witness request) and which are covered by earlier rules")
    .argument("<file>", "acl.conf file (- for standard input)")
    .addOption(new Option("--engine <engine>", "EMQX version").choices(["v4", "v5", "v6"]).makeOptionMandatory())
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .addOption(new Option("--security-profile <profile>", "EMQX 6 node security profile").choices(["legacy", "hardened"]))
    .action((file: string, options: AnalyzeCliOptions) => {
      process.exitCode = runAnalyze(file, options, { stdout: process.stdout, stderr: process.stderr });
    });
}
