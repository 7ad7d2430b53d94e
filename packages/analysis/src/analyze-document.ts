/**
 * The lint pipeline the CLI's `lint` and the language server's diagnostics share:
 * {@link loadRuleSet} (parse → lower) → lint rules. Commands that only need the rules load
 * them with `loadRuleSet` alone. Neither caller has logic of its own beyond reading files
 * and printing results.
 */
import type { Diagnostic, ParseResult } from "@emqx-acl/syntax";
import type { Dialect, LowerResult } from "@emqx-acl/core";
import { loadRuleSet, sortDiagnostics, type DocumentInput, type LoadedRuleSet } from "./load-rule-set";
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
  /**
   * false: once lowered, the forms keep only their spans (`term` null). Lint reads the
   * rules, not the terms, so a one-shot lint of a huge file frees the term tree (about half
   * of what loading holds) before the analysis needs the memory. Default true.
   */
  keepTerms?: boolean;
  /** Called as the exact checks advance (phase, rules done, rules in all). */
  onProgress?: (phase: string, done: number, total: number) => void;
}

/** The loaded file plus lint's findings. */
export interface DocumentAnalysis extends LoadedRuleSet {
  /** Every diagnostic (load and lint), sorted by position. */
  diagnostics: Diagnostic[];
  /** Lint's (budgeted) reachability verdicts, when lint ran and computed them. */
  reachability?: ReachabilityResult[] | null;
}

/**
 * Analyzes a document given as text (editor buffers), as the file's bytes (read the way
 * `file:consult` reads them: UTF-8 or a `%% coding: latin-1` magic comment; decoding
 * errors are kept in `parse.diagnostics`) or as those bytes decoded.
 */
export function analyzeDocument(input: DocumentInput, options: AnalyzeOptions): DocumentAnalysis {
  const { parse, lowered } = options.keepTerms === false ? loadSpansOnly(input, options) : loadRuleSet(input, options);
  return lintLowered(parse, lowered, options);
}

/** `loadRuleSet` keeping only the forms' spans (the full parse dies with this frame). */
function loadSpansOnly(input: DocumentInput, options: AnalyzeOptions): LoadedRuleSet {
  const loaded = loadRuleSet(input, options);
  return { ...loaded, parse: withoutTerms(loaded.parse) };
}

/** The parse with span-only forms (numbers and offsets kept, `term` null). */
function withoutTerms(parse: ParseResult): ParseResult {
  return { ...parse, forms: parse.forms.map((f) => ({ index: f.index, start: f.start, end: f.end, term: null })) };
}

/** The rest of the pipeline once parsed and lowered (incrementally, in the language server). */
function lintLowered(parse: ParseResult, lowered: LowerResult, options: AnalyzeOptions): DocumentAnalysis {
  // lint rules describe a file EMQX actually runs: none when it refuses to load it
  const lint = lowered.ruleSet.loadError
    ? null
    : lintDocument(
        parse,
        lowered.dialect,
        lowered.ruleSet.rules,
        { rules: options.rules },
        options.cancel,
        options.onProgress,
      );
  const diagnostics = sortDiagnostics([...parse.diagnostics, ...lowered.diagnostics, ...(lint?.diagnostics ?? [])]);
  return { parse, lowered, diagnostics, reachability: lint?.reachability ?? null };
}
