/**
 * SARIF 2.1.0 for GitHub code scanning: one run, `tool.driver.rules` for every id that
 * appears (with the `fullDescription` and `help` GitHub requires), results with 1-based
 * regions (endColumn exclusive, UTF-16 columns — SARIF's default `columnKind`), related
 * locations linked from the message text (GitHub shows only linked ones), and a
 * `primaryLocationLineHash` fingerprint (the only one GitHub reads) that survives edits
 * elsewhere in the file (hash of id, the term's normalised text and its occurrence).
 */
import type { Diagnostic, Range, Severity } from "@emqx-acl/syntax";
import { createHash } from "node:crypto";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { displayRange, lineLengths } from "./positions";
import { HOMEPAGE, ruleMeta, type RuleMeta } from "./rule-meta";
import { jsonChunks } from "./json-chunks";
import type { FileResult, ReportContext, Reporter } from "./types";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };
/** The one partial fingerprint GitHub code scanning reads (it computes its own otherwise). */
export const FINGERPRINT_KEY = "primaryLocationLineHash";

/**
 * Plain text for a SARIF message: `[` and `]` would start an embedded link (SARIF 3.11.6),
 * so they are escaped, as is a backslash before one.
 */
export function sarifText(text: string): string {
  return text.replace(/\\(?=[[\]])/g, "\\\\").replace(/[[\]]/g, "\\$&");
}

/** A `tool.driver.rules` entry with everything GitHub code scanning requires. */
export function reportingDescriptor(meta: RuleMeta) {
  return {
    id: meta.id,
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.description },
    help: { text: `${meta.description} ${meta.docsUrl}`, markdown: meta.helpMarkdown },
    helpUri: meta.docsUrl,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
  };
}

/** The message of a result: its related locations are linked as `[text](id)`, as GitHub needs. */
function messageText(d: Diagnostic): string {
  const related = d.related ?? [];
  if (related.length === 0) return sarifText(d.message);
  return `${sarifText(d.message)} (related: ${related.map((r, k) => `[${sarifText(r.message)}](${k + 1})`).join("; ")})`;
}

/** A file URI relative to cwd (forward slashes, percent-encoded) or absolute outside it. */
export function artifactUri(path: string, cwd: string): string {
  if (path === "<stdin>") return "stdin";
  const abs = isAbsolute(path) ? path : resolve(cwd, path);
  const rel = relative(cwd, abs);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return pathToFileURL(abs).href;
  return rel.split(sep).map(encodeURIComponent).join("/");
}

function region(range: Range, lengths: number[]) {
  const r = displayRange(range, lengths);
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

/** The text a fingerprint is computed from: the whole term, or the finding's lines. */
function anchorText(file: FileResult, d: Diagnostic, lines: () => string[]): string {
  const form = d.term !== null ? file.forms?.[d.term - 1] : undefined;
  if (form) return file.text.slice(form.start, form.end);
  return lines()
    .slice(d.range.start.line, d.range.end.line + 1)
    .join("\n");
}

/** Fingerprints for a file's diagnostics, in order (whitespace-insensitive). */
export function fingerprints(file: FileResult): string[] {
  const seen = new Map<string, number>();
  let split: string[] | null = null;
  const lines = () => (split ??= file.text.split(/\r\n|\r|\n/));
  return file.diagnostics.map((d) => {
    const normalized = anchorText(file, d, lines).replace(/\s+/g, " ").trim();
    const key = `${d.id}\u0000${normalized}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    const hash = createHash("sha256").update(`${key}\u0000${occurrence}`).digest("hex").slice(0, 32);
    return `${hash}:${occurrence}`;
  });
}

function driverRules(results: FileResult[]) {
  const ids = [...new Set(results.flatMap((f) => f.diagnostics.map((d) => d.id)))].sort();
  const rules = ids.map((id) => reportingDescriptor(ruleMeta(id)));
  return { rules, index: new Map(ids.map((id, i) => [id, i])) };
}

function fileResults(file: FileResult, cwd: string, ruleIndex: Map<string, number>) {
  const uri = artifactUri(file.path, cwd);
  const lengths = lineLengths(file.text);
  const prints = fingerprints(file);
  const location = (range: Range) => ({
    physicalLocation: { artifactLocation: { uri }, region: region(range, lengths) },
  });
  return file.diagnostics.map((d, i) => {
    const result: Record<string, unknown> = {
      ruleId: d.id,
      ruleIndex: ruleIndex.get(d.id),
      level: LEVEL[d.severity],
      message: { text: messageText(d) },
      locations: [location(d.range)],
      partialFingerprints: { [FINGERPRINT_KEY]: prints[i] },
    };
    if (d.related && d.related.length > 0) {
      result.relatedLocations = d.related.map((r, k) => ({
        id: k + 1,
        ...location(r.range),
        message: { text: sarifText(r.message) },
      }));
    }
    return result;
  });
}

/** A SARIF 2.1.0 log of one emqx-acl run: the driver with its rules, and the results. */
export function sarifLog(rules: unknown[], results: unknown[], toolVersion: string): Record<string, unknown> {
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "emqx-acl",
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: HOMEPAGE,
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

/** The SARIF log object for a run (before serialisation). */
export function toSarif(results: FileResult[], cwd: string, toolVersion: string): Record<string, unknown> {
  const { rules, index } = driverRules(results);
  return sarifLog(
    rules,
    results.flatMap((f) => fileResults(f, cwd, index)),
    toolVersion,
  );
}

export function* sarifChunks(results: FileResult[], context: ReportContext): Generator<string> {
  yield* jsonChunks(toSarif(results, context.cwd, context.toolVersion));
  yield "\n";
}

export const sarifReporter: Reporter = (results, context) => [...sarifChunks(results, context)].join("");
