/**
 * Runs every audit rule over one emqx.conf and lints the acl file it uses, returning
 * diagnostics grouped by the file they point into (the config, its includes, ssl_dist.conf,
 * acl.conf, v4 plugin files): the same shape `lint` reports.
 */
import { analyzeDocument } from "@emqx-acl/analysis";
import { LineIndex, type Diagnostic } from "@emqx-acl/syntax";
import { aclFiles } from "./acl-file";
import { AuditContext, type AuditFs, type AuditOptions, type Finding } from "./context";
import { auditRules, clusterRules } from "./rules";
import { sslDistConf, distUsesTls } from "./ssl-dist";
import { withholdIfNotConfig } from "./withhold";
import type { EmqxVersion } from "./version";

export interface AuditFileResult {
  path: string;
  /** Empty when withheld. */
  text: string;
  diagnostics: Diagnostic[];
  /** The file was reached through the config and does not read as EMQX configuration: text and details are not shown. */
  withheld?: boolean;
}

export interface AuditResult {
  version: EmqxVersion;
  versionNote: string;
  /** The config file first, then every other file with findings. */
  files: AuditFileResult[];
}

/** Include cycles, depth, missing or refused files: about the chain, not the file's content. */
const INCLUDE_PROBLEM = /^(hocon|conf)-include-/;

/** Lint ids an audit rule already reports about the same text. */
const LINT_DUPLICATES = new Set(["final-allow-all"]);

class Collector {
  private readonly files = new Map<string, AuditFileResult>();
  private readonly indexes = new Map<string, LineIndex>();
  /** Diagnostics from reading files (parse, load, lint), as opposed to audit findings. */
  private readonly readDiagnostics = new Set<Diagnostic>();

  constructor(private readonly ctx: AuditContext) {
    this.file(ctx.configPath);
  }

  private file(path: string): AuditFileResult {
    let f = this.files.get(path);
    if (!f) {
      const text =
        this.ctx.sources.find((s) => s.file === path)?.text ??
        this.ctx.readFile(path, { file: path, start: 0, end: 0 }) ??
        "";
      f = { path, text, diagnostics: [] };
      this.files.set(path, f);
      this.indexes.set(path, new LineIndex(text));
    }
    return f;
  }

  add(path: string, d: Diagnostic): void {
    this.readDiagnostics.add(d);
    this.file(path).diagnostics.push(d);
  }

  finding(f: Finding, severity: Diagnostic["severity"]): void {
    const file = this.file(f.loc.file);
    const lines = this.indexes.get(f.loc.file)!;
    const d: Diagnostic = {
      id: f.id,
      severity: f.severity ?? severity,
      message: f.message,
      range: lines.range(f.loc.start, f.loc.end),
      term: null,
    };
    const related = (f.related ?? []).filter((r) => r.loc.file === f.loc.file);
    if (related.length)
      d.related = related.map((r) => ({ message: r.message, range: lines.range(r.loc.start, r.loc.end) }));
    if (f.fix && f.fix.edits.every((e) => e.loc.file === f.loc.file)) {
      d.fix = {
        title: f.fix.title,
        edits: f.fix.edits.map((e) => ({ range: lines.range(e.loc.start, e.loc.end), newText: e.newText })),
      };
    }
    file.diagnostics.push(d);
  }

  results(): AuditFileResult[] {
    const byPos = (a: Diagnostic, b: Diagnostic) =>
      a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
    const all = [...this.files.values()];
    for (const f of all) f.diagnostics.sort(byPos);
    // only the runner's own files are shown as they are; see withhold.ts
    const shown = all.map((f) =>
      this.ctx.namedFiles.has(f.path)
        ? f
        : withholdIfNotConfig(f, (d) => this.readDiagnostics.has(d) && !INCLUDE_PROBLEM.test(d.id)),
    );
    return shown.filter((f, i) => i === 0 || f.diagnostics.length > 0);
  }
}

/** Audits one configuration file whose text has been read already. */
export function auditConfig(configPath: string, text: string, fs: AuditFs, options: AuditOptions): AuditResult {
  return auditConfigs([{ path: configPath, text }], fs, options)[0];
}

/**
 * Audits several nodes' configuration files: each on its own, then (for two or more that
 * parse) the settings every member of one cluster must share.
 */
export function auditConfigs(
  inputs: { path: string; text: string }[],
  fs: AuditFs,
  options: AuditOptions,
): AuditResult[] {
  const nodes = inputs.map(({ path, text }) => {
    const ctx = new AuditContext(path, text, fs, options);
    return { ctx, out: auditNode(ctx) };
  });
  const healthy = nodes.filter((n) => !n.out.broken);
  if (healthy.length > 1) {
    for (const rule of clusterRules) {
      for (const { node, finding } of rule.checkCluster(healthy.map((n) => n.ctx))) {
        healthy[node].out.collector.finding(finding, rule.severity[healthy[node].ctx.version]);
      }
    }
  }
  return nodes.map(({ ctx, out }) => ({
    version: ctx.version,
    versionNote: ctx.versionNote,
    files: out.collector.results(),
  }));
}

function auditNode(ctx: AuditContext): { collector: Collector; broken: boolean } {
  const out = new Collector(ctx);
  for (const { file, diagnostic } of ctx.parseDiagnostics) out.add(file, diagnostic);
  const broken = ctx.parseDiagnostics.some((d) => d.diagnostic.severity === "error");
  if (broken) return { collector: out, broken };
  for (const rule of auditRules) {
    for (const f of rule.check(ctx)) out.finding(f, rule.severity[ctx.version]);
  }
  if (distUsesTls(ctx)) {
    const dist = sslDistConf(ctx);
    for (const d of dist.diagnostics) out.add(dist.path, d);
  }
  for (const acl of aclFiles(ctx)) {
    if (acl.text === null) continue;
    for (const d of analyzeDocument(acl.text, { dialect: ctx.version }).diagnostics) {
      // the audit's acl-final-allow-all says the same with the configuration's context
      if (!LINT_DUPLICATES.has(d.id)) out.add(acl.path, d);
    }
  }
  for (const f of ctx.refusedFiles) out.finding(f, "warning");
  return { collector: out, broken };
}
