/**
 * `emqx-acl audit [--format pretty|json|sarif|github] [--emqx 4|5|6|auto]
 * [--ssl-dist-conf PATH] [--emqx-env PATH] [--security-profile legacy|hardened] [--expiry-days N] emqx.conf...`: cluster security audit of EMQX configuration files
 * and lint of the acl file each one uses. Output and exit codes as `lint`: 0 = no errors or
 * warnings, 1 = some, 2 = usage or I/O error.
 */
import {
  auditConfigs,
  MAX_CONFIG_BYTES,
  nodeAuditFs,
  readBounded,
  type AuditResult,
  type EmqxVersion,
} from "@emqx-acl/audit";
import { Option, type Command } from "commander";
import { relative, resolve } from "node:path";
import { useColor } from "../color";
import { readInput } from "../read-input";
import { UsageError } from "../usage-error";
import { formatNames, reporters, summarize, type FileResult, type FormatName } from "../reporters";
import { VERSION } from "../version";
import { addEmqxOption } from "../emqx-option";

export interface AuditCliOptions {
  format: FormatName;
  emqx: "4" | "5" | "6" | "auto";
  sslDistConf?: string;
  /** `--emqx-env`: not `--env-file`, which Node 20 itself intercepts anywhere on the command line. */
  emqxEnv?: string;
  securityProfile?: "legacy" | "hardened";
  /** Days before expiry a certificate counts as expiring. */
  expiryDays?: number;
}

export interface AuditIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

function toFileResults(result: AuditResult, cwd: string): FileResult[] {
  // the version note belongs to the config file; ssl_dist.conf and acl.conf just follow it
  return result.files.map((f, i) => ({
    path: relative(cwd, f.path) || f.path,
    text: f.text,
    dialect: result.version,
    dialectNote: i === 0 ? result.versionNote : null,
    diagnostics: f.diagnostics,
    withheld: f.withheld,
  }));
}

/**
 * A config or env file named on the command line, read within the audit's limit (regular
 * files only: `audit /dev/zero` must not hang); `-` is standard input.
 */
function readConfigInput(file: string, cwd: string): string {
  if (file === "-") return Buffer.from(readInput(file).bytes).toString("utf8");
  const read = readBounded(resolve(cwd, file), MAX_CONFIG_BYTES);
  if ("refused" in read) throw new UsageError(`cannot read '${file}': ${read.refused}`);
  // readInput says why a file cannot be opened (no such file, permission denied, …)
  return "text" in read ? read.text : Buffer.from(readInput(file).bytes).toString("utf8");
}

/** Audits each file; throws UsageError (exit 2) before printing if one cannot be read. */
export function runAudit(files: string[], options: AuditCliOptions, io: AuditIO): number {
  const inputs = files.map((f) => ({ path: resolve(io.cwd, f), text: readConfigInput(f, io.cwd) }));
  const emqx = options.emqx === "auto" ? "auto" : (`v${options.emqx}` as EmqxVersion);
  const sslDistConf = options.sslDistConf ? resolve(io.cwd, options.sslDistConf) : undefined;
  // read now so an unreadable env file is a usage error (exit 2), like an unreadable config
  const envFile = options.emqxEnv
    ? (readConfigInput(options.emqxEnv, io.cwd), resolve(io.cwd, options.emqxEnv))
    : undefined;
  // several files are taken as the nodes of one cluster: they are also compared
  // `${VAR}` resolves from the environment audit runs in, then (winning) the --emqx-env file
  const audited = auditConfigs(inputs, nodeAuditFs, {
    emqx,
    sslDistConf,
    envFile,
    env: io.env,
    expiryDays: options.expiryDays,
    securityProfile: options.securityProfile,
  });
  const results = audited.flatMap((r) => toFileResults(r, io.cwd));
  const context = { cwd: io.cwd, color: useColor(io.stdout, io.env), toolVersion: VERSION };
  io.stdout.write(reporters[options.format](results, context));
  const summary = summarize(results);
  return summary.errors > 0 || summary.warnings > 0 ? 1 : 0;
}

function parseDays(value: string): number {
  if (!/^\d+$/.test(value)) throw new Error("expected a whole number of days");
  return Number(value);
}

export function register(program: Command): void {
  addEmqxOption(program.command("audit"), {
    key: "emqx",
    digits: true,
    auto: true,
    defaultValue: "auto",
    description: "EMQX major version the files are for",
  })
    .description(
      "audit emqx.conf for cluster security (cookie, RPC, distribution TLS, certificates, authorization defaults) and lint the acl file it uses",
    )
    .argument(
      "<files...>",
      "emqx.conf files (EMQX 4 key = value or EMQX 5/6 HOCON); several = the nodes of one cluster, also compared",
    )
    .addOption(new Option("--format <format>", "output format").choices(formatNames).default("pretty"))
    .option(
      "--ssl-dist-conf <path>",
      "ssl_dist.conf used with cluster.proto_dist = inet_tls (default: beside the config file)",
    )
    .option(
      "--emqx-env <path>",
      "the node's KEY=VALUE env file (Docker --env-file, systemd): EMQX_A__B=... variables override the config; all resolve ${VAR}",
    )
    .addOption(
      new Option(
        "--security-profile <profile>",
        "EMQX 6 EMQX_SECURITY_PROFILE (default: legacy, or the --emqx-env file's)",
      ).choices(["legacy", "hardened"]),
    )
    .option("--expiry-days <n>", "report certificates expiring within this many days (default 30)", parseDays)
    .action((files: string[], options: AuditCliOptions) => {
      process.exitCode = runAudit(files, options, { stdout: process.stdout, cwd: process.cwd(), env: process.env });
    });
}
