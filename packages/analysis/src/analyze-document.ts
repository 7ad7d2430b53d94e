/**
 * The one pipeline the CLI and the language server share: parse → lower → lint rules.
 * Neither caller has logic of its own beyond reading files and printing results.
 */
import { decodeAclBytes, parseDocument, type Diagnostic, type ParseResult } from "@emqx-acl/syntax";
import { lower, type Dialect, type LowerResult } from "@emqx-acl/core";
import { lintDocument } from "./lint/run-lint";
import type { ReachabilityResult } from "./reachability/reachability";
import type { RuleSetting } from "./lint/settings";
import type { CancelToken } from "./lint/cancel";

export interface AnalyzeOptions {
  /** `auto` infers the dialect from the constructs used (and says so). */
  dialect: Dialect | "auto";
  /** Per-rule severity from `.emqx-acl.json` / editor settings (lint rules only). */
  rules?: Record<string, RuleSetting>;
  /** Stops the lint of a stale version (the language server's worker). */
  cancel?: CancelToken;
}

export interface DocumentAnalysis {
  parse: ParseResult;
  lowered: LowerResult;
  /** Every diagnostic, sorted by position. */
  diagnostics: Diagnostic[];
  /** Lint's (budgeted) reachability verdicts, when lint ran and computed them. */
  reachability?: ReachabilityResult[] | null;
}

/**
 * Analyzes a document given as text (editor buffers) or as the file's bytes (read the way
 * `file:consult` reads them: UTF-8 or a `%% coding: latin-1` magic comment; decoding
 * errors are kept in `parse.diagnostics`).
 */
export function analyzeDocument(input: string | Uint8Array, options: AnalyzeOptions): DocumentAnalysis {
  const parse = parseInput(input);
  return lintLowered(parse, lower(parse, options.dialect), options);
}

/** The rest of the pipeline once parsed and lowered (incrementally, in the language server). */
export function lintLowered(parse: ParseResult, lowered: LowerResult, options: AnalyzeOptions): DocumentAnalysis {
  // lint rules describe a file EMQX actually runs: none when it refuses to load it
  const lint = lowered.ruleSet.loadError ? null : lintDocument(parse, lowered.dialect, lowered.ruleSet.rules, { rules: options.rules }, options.cancel);
  const diagnostics = sortDiagnostics([...parse.diagnostics, ...lowered.diagnostics, ...(lint?.diagnostics ?? [])]);
  return { parse, lowered, diagnostics, reachability: lint?.reachability ?? null };
}

/** Diagnostics in document order (stable: same-position diagnostics keep their order). */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Decodes bytes as `file:consult` does (decode errors kept as parse diagnostics), then parses. */
export function parseInput(input: string | Uint8Array): ParseResult {
  if (typeof input === "string") return parseDocument(input);
  const decoded = decodeAclBytes(input);
  const parse = parseDocument(decoded.text);
  if (!decoded.diagnostics.length) return parse;
  return { ...parse, diagnostics: [...decoded.diagnostics, ...parse.diagnostics] };
}
