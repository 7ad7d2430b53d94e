/**
 * The stable JSON format other tools (and our tests) read:
 * `{"files":[{path, dialect, dialectNote, diagnostics:[{id, severity, message, range, term,
 * related?, fix?}]}], "summary":{errors, warnings, infos}}` with 1-based lines and columns
 * (end exclusive) and `term` 1-based or null.
 */
import type { Diagnostic } from "@emqx-acl/syntax";
import { oneBased } from "./positions";
import { summarize, type FileResult, type Reporter } from "./types";
import { jsonChunks, MappedArray } from "./json-chunks";

/** One diagnostic in the JSON format (key order is part of the format). */
export function diagnosticToJson(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: d.id,
    severity: d.severity,
    message: d.message,
    range: oneBased(d.range),
    term: d.term,
  };
  if (d.related && d.related.length > 0) {
    out.related = d.related.map((r) => ({ message: r.message, range: oneBased(r.range) }));
  }
  if (d.fix) {
    out.fix = {
      title: d.fix.title,
      edits: d.fix.edits.map((e) => ({ range: oneBased(e.range), newText: e.newText })),
    };
  }
  return out;
}

/**
 * The JSON object for a whole run (before serialisation). `lazy`: each file's diagnostics
 * are mapped only while written (`jsonChunks`), never all at once.
 */
export function toJsonReport(results: FileResult[], lazy = false): Record<string, unknown> {
  return {
    files: results.map((f) => ({
      path: f.path,
      dialect: f.dialect,
      dialectNote: f.dialectNote,
      diagnostics: lazy ? new MappedArray(f.diagnostics, diagnosticToJson) : f.diagnostics.map(diagnosticToJson),
    })),
    summary: summarize(results),
  };
}

/** The report as chunks of text (what `lint` writes, a piece at a time). */
export function* jsonReportChunks(results: FileResult[]): Generator<string> {
  yield* jsonChunks(toJsonReport(results, true));
  yield "\n";
}

export const jsonReporter: Reporter = (results) => [...jsonReportChunks(results)].join("");
