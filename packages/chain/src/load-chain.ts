/**
 * emqx.conf (+ seed files for database sources) → a chain ready to decide: each enabled
 * source with rules gets core's indexed decider over its rules; the others are "not
 * modelled" (they answer nothing) and named in a warning. What EMQX would refuse is a
 * {@link ChainLoadError} whose lines carry file:line:col.
 */
import { loadRuleSet } from "@emqx-acl/analysis";
import {
  AuditContext,
  MAX_ACL_BYTES,
  nodeAuditFs,
  readBoundedBytes,
  type AuditFs,
  type EmqxVersion,
} from "@emqx-acl/audit";
import { capabilities, compileDecider, type Decider, type Dialect, type RuleSet } from "@emqx-acl/core";
import type { ConfigSource, Diagnostic } from "@emqx-acl/syntax";
import { SEEDABLE_TYPES, type ChainConfig, type ChainProblem, type ChainSource, type SourceType } from "./chain-config";
import { hoconLayers, locText } from "./config-layers";
import { readHoconChain } from "./read-hocon-chain";
import { readV4Chain } from "./read-v4-chain";
import { strayIncludeWarning } from "./mountpoint";
import { preconditionSyntaxError } from "./precondition";
import { importSourceRules, type SourceRulesSpec } from "./source-rules";
import { liveQuery, type LiveQuery, type SourceUrlSpec } from "./source-url";

export interface LoadChainOptions {
  /** `auto`: 4 versus 5 from the file (6 only from 6-only keys), as the audit detects it. */
  emqx: EmqxVersion | "auto";
  sourceRules?: SourceRulesSpec[];
  /** `diff`: rules given for a type the configuration lacks are not an error (the other configuration has it). */
  unusedRulesOk?: boolean;
  /** Sources read from a live server per request (live-sources.ts); their stages get `live`. */
  sourceUrls?: SourceUrlSpec[];
  securityProfile?: "legacy" | "hardened";
  /** Environment for `${VAR}` in the config. */
  env?: Record<string, string | undefined>;
  /** The node's env file (`KEY=VALUE`): `EMQX_A__B=…` overrides the config, every variable fills `${VAR}` (as `audit --emqx-env`). */
  envFile?: string;
  fs?: AuditFs;
  /** Reads a file named by the config or the command line (acl.conf, seeds); throws when it cannot. */
  readBytes?: (path: string) => Uint8Array;
}

/** The rules one source answers from. */
export interface SourceModel {
  /** Where they come from: the acl.conf, or the seed file. */
  path: string;
  /** acl.conf text (for a seed: the text the importer made from it). */
  text: string;
  ruleSet: RuleSet;
  decider: Decider;
  /** True for a seed: `text` is what the importer made, not the file at `path`. */
  imported?: true;
  /** Seeds only: rule number → what it was made from (`row 3`), when the importer knows. */
  origin?: (rule: number) => string | null;
  /** An http source asked live: what it was sent and answered (`answered deny (200 …) for POST /authz …`). */
  exchange?: string;
}

export interface ChainStage {
  source: ChainSource;
  /** Null: disabled, or no rules given (answers nothing), or read live per request. */
  model: SourceModel | null;
  /** `--source-url`: the query to run per request (live-sources.ts fills `model`). */
  live?: LiveQuery;
}

export interface Chain {
  config: ChainConfig;
  dialect: Dialect;
  stages: ChainStage[];
  securityProfile: "legacy" | "hardened";
  /** Things the model leaves out or EMQX skips, one line each (not errors). */
  warnings: string[];
  /** The configuration files read (for file:line:col of settings, see `locText`). */
  files: ConfigSource[];
}

export class ChainLoadError extends Error {}

/** Files the configuration names are read within the audit's limits: no FIFO, no /dev/zero. */
function defaultRead(path: string): Uint8Array {
  const r = readBoundedBytes(path, MAX_ACL_BYTES);
  if ("bytes" in r) return r.bytes;
  throw "missing" in r ? Object.assign(new Error("no such file"), { code: "ENOENT" }) : new Error(r.refused);
}

function readOrFail(read: (p: string) => Uint8Array, path: string): Uint8Array | string {
  try {
    return read(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (e as Error).message;
  }
}

/**
 * A refusal in a file the configuration names (not the command line): where and which
 * diagnostic, never its message — the configuration could point at any file the runner
 * can read, and messages quote the text (the audit's policy, README "Auditing emqx.conf").
 */
function reducedRefusal(path: string, diagnostics: Diagnostic[], what: string): string {
  const errs = diagnostics.filter((d) => d.severity === "error");
  const first = errs[0];
  const at = first ? `${path}:${first.range.start.line + 1}:${first.range.start.character + 1}` : path;
  const count = errs.length > 1 ? `, ${errs.length} errors` : "";
  return `${at}: ${what}${first ? ` (${first.id}${count}); emqx-acl lint shows why` : ""}`;
}

/** What loading the sources shares: how to read, for which EMQX, and where problems go. */
interface LoadRun {
  dialect: Dialect;
  read: (path: string) => Uint8Array;
  profile: Chain["securityProfile"];
  errors: string[];
  warnings: string[];
}

/** The file source's rules; an acl.conf EMQX refuses is an error (5/6: the whole config; 4: the broker does not start). */
function fileModel(source: ChainSource, where: string, run: LoadRun): SourceModel | null {
  const { dialect, errors, warnings } = run;
  const path = source.path!;
  const bytes = readOrFail(run.read, path);
  if (typeof bytes === "string") {
    if (capabilities(dialect).unreadableAclFile === "no-rules")
      warnings.push(`${where}: cannot read ${path} (${bytes}): EMQX 4 loads the acl.conf module with no rules`);
    else
      errors.push(
        `${where}: cannot read the file source's ${path} (${bytes}): EMQX refuses the configuration (failed_to_read_acl_file)`,
      );
    return null;
  }
  const loaded = loadRuleSet(bytes, { dialect });
  if (loaded.lowered.ruleSet.loadError) {
    errors.push(reducedRefusal(path, loaded.diagnostics, `EMQX ${dialect} refuses this file`));
    return null;
  }
  const ruleSet = loaded.lowered.ruleSet;
  return { path, text: loaded.parse.text, ruleSet, decider: compileDecider(ruleSet, { securityProfile: run.profile }) };
}

/** A database source's rules from its seed file; rows EMQX skips are warnings. */
function seedModel(spec: SourceRulesSpec, run: LoadRun): SourceModel | null {
  const { dialect, errors, warnings } = run;
  const bytes = readOrFail(run.read, spec.path);
  if (typeof bytes === "string") {
    errors.push(`${spec.path}: cannot read the ${spec.type} rules (${bytes})`);
    return null;
  }
  try {
    const imported = importSourceRules(spec, bytes, dialect);
    for (const e of imported.errors) warnings.push(`${spec.path}: ${e}`);
    const loaded = loadRuleSet(imported.text, { dialect });
    const ruleSet = loaded.lowered.ruleSet;
    const rowOf = imported.rowOf;
    const origin = rowOf.length
      ? (rule: number) => (rowOf[rule - 1] === undefined ? null : `row ${rowOf[rule - 1] + 1}`)
      : undefined;
    return {
      path: spec.path,
      text: loaded.parse.text,
      ruleSet,
      decider: compileDecider(ruleSet, { securityProfile: run.profile }),
      imported: true,
      origin,
    };
  } catch (e) {
    errors.push((e as Error).message);
    return null;
  }
}

function readConfig(
  ctx: AuditContext,
  seeded: { type: string }[],
  errors: string[],
): { config: ChainConfig; sources: ConfigSource[] } {
  const problems: ChainProblem[] = [];
  const layers = capabilities(ctx.version).configFormat === "cuttlefish" ? null : hoconLayers(ctx);
  const config = layers
    ? readHoconChain(ctx, layers, problems)
    : readV4Chain(
        ctx,
        seeded.map((s) => s.type as SourceType),
        problems,
      );
  const sources = layers?.sources ?? ctx.sources;
  const diagnostics = (layers?.diagnostics ?? ctx.parseDiagnostics).filter((d) => d.diagnostic.severity === "error");
  for (const d of diagnostics) {
    if (!ctx.namedFiles.has(d.file)) continue;
    const p = d.diagnostic.range.start;
    errors.push(`${d.file}:${p.line + 1}:${p.character + 1}: ${d.diagnostic.message}`);
  }
  // files found beside the config (base.hocon, cluster.hocon, includes): position and id only
  for (const file of new Set(diagnostics.map((d) => d.file).filter((f) => !ctx.namedFiles.has(f)))) {
    errors.push(
      reducedRefusal(
        file,
        diagnostics.filter((d) => d.file === file).map((d) => d.diagnostic),
        "EMQX cannot read this configuration file",
      ),
    );
  }
  for (const p of problems) errors.push(`${locText(sources, p.loc)}: ${p.message}`);
  return { config, sources };
}

/** The warning naming enabled sources without rules (null when there are none). */
function notModelled(stages: ChainStage[]): string | null {
  const missing = stages.filter((s) => s.source.enable && s.model === null && !s.live && s.source.type !== "file");
  if (!missing.length) return null;
  const names = missing.map((s) => `source ${s.source.number} (${s.source.type})`).join(", ");
  const seedable = missing.some((s) => (SEEDABLE_TYPES as readonly string[]).includes(s.source.type));
  return `not modelled (answer nothing): ${names}${seedable ? "; give its rules with --source-rules TYPE=FILE" : ""}`;
}

/** Gives each `--source-url` its source's prepared query; what cannot be run is an error. */
function attachLive(
  stages: ChainStage[],
  specs: SourceUrlSpec[],
  seeds: SourceRulesSpec[],
  run: LoadRun,
  where: (s: ChainSource) => string,
  configPath: string,
): void {
  for (const spec of specs) {
    const stage = stages.find((s) => s.source.type === spec.type);
    const flag = `--source-url ${spec.type}`;
    if (!stage) run.errors.push(`${configPath}: ${flag}: the configuration has no ${spec.type} source`);
    else if (seeds.some((s) => s.type === spec.type))
      run.errors.push(`${flag}: --source-rules gives the ${spec.type} rules too; give one`);
    else if (spec.type !== "http" && capabilities(run.dialect).backendRules === "plugin-rows")
      run.errors.push(
        `${flag}: EMQX 4's plugins are not read live (their acl_query/acl_cmd templating differs); use --source-rules`,
      );
    else {
      try {
        stage.live = liveQuery(stage.source, spec, run.dialect);
      } catch (e) {
        run.errors.push(`${where(stage.source)}: ${(e as Error).message}`);
      }
    }
  }
}

/** Reads the chain; throws {@link ChainLoadError} listing every refusal. */
export function loadChain(configPath: string, text: string, options: LoadChainOptions): Chain {
  const seeds = options.sourceRules ?? [];
  const ctx = new AuditContext(configPath, text, options.fs ?? nodeAuditFs, {
    emqx: options.emqx,
    env: options.env,
    envFile: options.envFile,
  });
  const errors: string[] = [];
  const warnings: string[] = [];
  const { config, sources } = readConfig(ctx, [...seeds, ...(options.sourceUrls ?? [])], errors);
  const profile = options.securityProfile ?? "legacy";
  const run: LoadRun = { dialect: ctx.version, read: options.readBytes ?? defaultRead, profile, errors, warnings };
  const stages: ChainStage[] = config.sources.map((source) => {
    if (source.type === "file" && source.path)
      return { source, model: fileModel(source, locText(sources, source.pathLoc ?? source.loc), run) };
    const spec = seeds.find((s) => s.type === source.type);
    return { source, model: spec ? seedModel(spec, run) : null };
  });
  for (const spec of options.unusedRulesOk ? [] : seeds) {
    if (!config.sources.some((s) => s.type === spec.type))
      errors.push(
        `${configPath}: --source-rules ${spec.type}=${spec.path}: the configuration has no ${spec.type} source`,
      );
  }
  attachLive(stages, options.sourceUrls ?? [], seeds, run, (s) => locText(sources, s.query?.loc ?? s.loc), configPath);
  for (const s of stages) {
    if (!s.source.enable) [s.model, s.live] = [null, undefined];
    else if (s.source.precondition !== undefined && run.dialect === "v5") {
      // v5.8.9's emqx_authz_schema has no such field: not evaluated for EMQX 5
      warnings.push(
        `source ${s.source.number} (${s.source.type}): EMQX 5.8 sources have no precondition (it came in 6.3); not evaluated`,
      );
      delete s.source.precondition;
    } else if (s.source.precondition !== undefined) {
      const bad = preconditionSyntaxError(s.source.precondition);
      if (bad !== null)
        errors.push(
          `${locText(sources, s.source.loc)}: precondition \`${s.source.precondition}\`: ${bad} (EMQX refuses the source: bad_precondition_expression)`,
        );
    }
  }
  if (config.mounts.strayInclude)
    warnings.push(`${locText(sources, config.mounts.strayInclude)}: ${strayIncludeWarning(run.dialect)}`);
  const unmodelled = notModelled(stages);
  if (unmodelled) warnings.push(unmodelled);
  if (errors.length) throw new ChainLoadError(errors.join("\n"));
  return { config, dialect: run.dialect, stages, securityProfile: profile, warnings, files: sources };
}
