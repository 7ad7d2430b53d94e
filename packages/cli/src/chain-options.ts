/**
 * `--config emqx.conf` and `--source-rules TYPE=FILE` for `check` and `explain`: decide
 * across the broker's authorization chain instead of one acl.conf. Loading prints the
 * model's warnings (sources not modelled, rows EMQX skips) and, when EMQX would refuse
 * the configuration, every reason with file:line:col.
 */
import {
  ChainLoadError,
  loadChain,
  parseSourceRulesSpec,
  parseSourceUrlSpec,
  type Chain,
  type SourceRulesSpec,
  type SourceUrlSpec,
} from "@emqx-acl/chain";
import type { LiveSources } from "@emqx-acl/chain/live";
import type { Dialect } from "@emqx-acl/core";
import { InvalidArgumentError, type Command } from "commander";
import { readInput } from "./read-input";
import { terminalName, terminalText } from "./terminal-text";
import { UsageError } from "./usage-error";

export interface ChainFlags {
  config?: string;
  /** Undefined when none is given (no `default: []` in the help). */
  sourceRules?: SourceRulesSpec[];
  /** `--source-url TYPE=URL` (repeatable). */
  sourceUrl?: SourceUrlSpec[];
  /** `--timeout` seconds (with --source-url). */
  timeout?: number;
  /** `--emqx-env`: not `--env-file`, which Node 20 itself intercepts anywhere on the command line. */
  emqxEnv?: string;
}

export function sourceRulesOption(value: string, given: SourceRulesSpec[] | undefined): SourceRulesSpec[] {
  const acc = given ?? [];
  let spec: SourceRulesSpec;
  try {
    spec = parseSourceRulesSpec(value);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
  if (acc.some((s) => s.type === spec.type)) throw new InvalidArgumentError(`rules for ${spec.type} given twice`);
  return [...acc, spec];
}

function sourceUrlOption(value: string, given: SourceUrlSpec[] | undefined): SourceUrlSpec[] {
  const acc = given ?? [];
  let spec: SourceUrlSpec;
  // a usage error of our own, not commander's InvalidArgumentError: commander's message
  // repeats the raw argument, password included; ours masks it
  try {
    spec = parseSourceUrlSpec(value);
  } catch (e) {
    const m = (e as Error).message;
    throw new UsageError(m.startsWith("--source-url") ? m : `--source-url: ${m}`);
  }
  if (acc.some((s) => s.type === spec.type)) throw new UsageError(`--source-url: a URL for ${spec.type} given twice`);
  return [...acc, spec];
}

function seconds(v: string): number {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(v) || Number(v) <= 0)
    throw new InvalidArgumentError("expected a positive number of seconds");
  return Number(v);
}

/** Adds `--config`, `--source-rules`, `--source-url` and `--timeout` to a command. */
export function addChainOptions(cmd: Command): Command {
  return cmd
    .option(
      "--config <emqx.conf>",
      "decide across the authorization chain this EMQX configuration sets up (sources in order, no_match, superuser)",
    )
    .option(
      "--source-rules <type=file>",
      "with --config: the rules of a database source: mysql=seed.sql, postgresql=seed.sql, redis=seed.resp, mongodb=docs.json, built_in_database=requests.json (repeatable)",
      sourceRulesOption,
    )
    .option(
      "--source-url <type=url>",
      "with --config: read a database source's rules live, running its query/cmd from the configuration per request: mysql=mysql://…, postgresql=postgres://…, redis=redis://…; or ask the http source, sending the request EMQX would send to this scheme://host:port instead of its url's: http=http://127.0.0.1:8080 (repeatable)",
      sourceUrlOption,
    )
    .option(
      "--timeout <seconds>",
      "with --source-url: how long a server may take to connect or to answer one query (http: the source's request_timeout when shorter)",
      seconds,
      30,
    )
    .option(
      "--emqx-env <file>",
      "with --config: the node's environment (KEY=VALUE lines): EMQX_AUTHORIZATION__NO_MATCH=… overrides, any VAR=… fills ${VAR}",
    );
}

/** The chain, or null when EMQX refuses the configuration (the reasons are on `err`). */
export function loadChainForCli(
  flags: ChainFlags,
  emqx: Dialect | "auto",
  securityProfile: "legacy" | "hardened",
  err: { write(s: string): unknown },
  extra: { unusedRulesOk?: boolean } = {},
): Chain | null {
  const path = flags.config!;
  if (path === "-") throw new UsageError("--config needs a file (its relative paths start from its directory)");
  const text = Buffer.from(readInput(path).bytes).toString("utf8");
  try {
    const chain = loadChain(path, text, {
      emqx,
      sourceRules: flags.sourceRules ?? [],
      sourceUrls: flags.sourceUrl ?? [],
      ...extra,
      securityProfile,
      env: process.env,
      envFile: flags.emqxEnv,
    });
    for (const w of chain.warnings) err.write(`${terminalText(`warning: ${w}`)}\n`);
    return chain;
  } catch (e) {
    if (!(e instanceof ChainLoadError)) throw e;
    for (const line of e.message.split("\n")) err.write(`${terminalText(line)}\n`);
    err.write(`${terminalName(path)}: EMQX refuses this configuration\n`);
    return null;
  }
}

/** A usage error in commander's one-line form (`emqx-acl: error: …; try 'emqx-acl CMD --help'`, exit 2). */
export function usageError(cmd: Command, message: string): never {
  cmd.error(`error: ${message}`, { exitCode: 2, code: "emqx-acl.usage" });
}

/** `--source-rules` without `--config` means nothing: say so. */
export function checkChainFlags(cmd: Command, flags: Partial<ChainFlags>): void {
  if (!flags.config && flags.sourceRules?.length) usageError(cmd, "--source-rules needs --config");
  if (!flags.config && flags.emqxEnv) usageError(cmd, "--emqx-env needs --config");
  if (!flags.config && flags.sourceUrl?.length) usageError(cmd, "--source-url needs --config");
}

/**
 * The live sources of the chain, connected (null when it has none); a server that cannot
 * be reached is a UsageError (exit 2), its URL's credentials masked.
 */
export async function openLive(
  chain: Chain,
  flags: ChainFlags,
  err: { write(s: string): unknown },
): Promise<LiveSources | null> {
  if (!chain.stages.some((s) => s.live)) return null;
  const { openLiveSources } = await import("@emqx-acl/chain/live");
  try {
    return await openLiveSources(chain, (flags.timeout ?? 30) * 1000, (m) =>
      err.write(`${terminalText(`warning: ${m}`)}\n`),
    );
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
