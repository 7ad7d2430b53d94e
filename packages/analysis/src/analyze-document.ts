/**
 * The one pipeline the CLI and the language server share: parse → lower → lint rules.
 * Neither caller has logic of its own beyond reading files and printing results.
 */
import { parseDocument, type Diagnostic, type ParseResult } from "@emqx-acl/syntax";
import { lower, type Dialect, type LowerResult } from "@emqx-acl/core";

export interface AnalyzeOptions {
  /** `auto` infers the dialect from the constructs used (and says so). */
  dialect: Dialect | "auto";
}

export interface DocumentAnalysis {
  parse: ParseResult;
  lowered: LowerResult;
  /** Every diagnostic, sorted by position. */
  diagnostics: Diagnostic[];
}

export function analyzeDocument(text: string, options: AnalyzeOptions): DocumentAnalysis {
  const parse = parseDocument(text);
  const lowered = lower(parse, options.dialect);
  const diagnostics = [...parse.diagnostics, ...lowered.diagnostics].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return { parse, lowered, diagnostics };
}
