/**
 * `loadRuleSet`: the file as EMQX loads it — decode (as `file:consult` does), parse, lower
 * for one dialect — and nothing more. The commands that only need the rules (`check`,
 * `explain`, `diff`, `compile`) and the language server's explain use this; lint (and its
 * whole-file reachability analysis) runs only where its findings are asked for
 * (`analyzeDocument`: `lint`, editor diagnostics).
 */
import { decodeAclBytes, parseDocument, type DecodeResult, type Diagnostic, type ParseResult } from "@emqx-acl/syntax";
import { lower, type Dialect, type LowerResult } from "@emqx-acl/core";

export interface LoadOptions {
  /** `auto` infers the dialect from the constructs used (and says so in `lowered.dialectNote`). */
  dialect: Dialect | "auto";
}

/** What loading a file gives: the parse, the rule model and the load diagnostics. */
export interface LoadedRuleSet {
  parse: ParseResult;
  lowered: LowerResult;
  /** Decode, syntax and schema diagnostics, in document order. */
  diagnostics: Diagnostic[];
}

/**
 * A document: text (editor buffers), the file's bytes (UTF-8 or a `%% coding: latin-1`
 * magic comment; decoding errors are kept in `parse.diagnostics`), or those bytes already
 * decoded by `decodeAclBytes` (a caller that lets the bytes go before the analysis).
 */
export type DocumentInput = string | Uint8Array | DecodeResult;

/** Loads a document. */
export function loadRuleSet(input: DocumentInput, options: LoadOptions): LoadedRuleSet {
  const parse = parseInput(input);
  const lowered = lower(parse, options.dialect);
  return { parse, lowered, diagnostics: sortDiagnostics([...parse.diagnostics, ...lowered.diagnostics]) };
}

/** The diagnostic that says why EMQX refuses the file: the first error in document order. */
export function firstLoadError(loaded: Pick<LoadedRuleSet, "diagnostics">): Diagnostic | undefined {
  return loaded.diagnostics.find((d) => d.severity === "error");
}

/**
 * The one-line refusal the commands print, `path:line:col: EMQX <version> refuses this
 * file: <why>` (just `path:` when no diagnostic locates it); null when the file loads.
 */
export function refusalLine(
  loaded: Pick<LoadedRuleSet, "diagnostics" | "lowered">,
  path: string,
  version: string,
): string | null {
  const err = loaded.lowered.ruleSet.loadError;
  if (!err) return null;
  const first = firstLoadError(loaded);
  const at = first ? `${path}:${first.range.start.line + 1}:${first.range.start.character + 1}` : path;
  return `${at}: EMQX ${version} refuses this file: ${first?.message ?? err.message}`;
}

/** Diagnostics in document order (stable: same-position diagnostics keep their order). */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

/** Decodes bytes as `file:consult` does (decode errors kept as parse diagnostics), then parses. */
function parseInput(input: DocumentInput): ParseResult {
  if (typeof input === "string") return parseDocument(input);
  const decoded = input instanceof Uint8Array ? decodeAclBytes(input) : input;
  const parse = parseDocument(decoded.text);
  if (!decoded.diagnostics.length) return parse;
  return { ...parse, diagnostics: [...decoded.diagnostics, ...parse.diagnostics] };
}
