/**
 * The document model per version. Structure (parse tree, rule model, syntax and schema
 * diagnostics) is built on the LSP thread when a request needs it — parsing and lowering
 * are the fast part of the pipeline. The complete diagnostics, lint included, come from
 * `analyzeDocument` run by the {@link AnalysisRunner}; once they arrive for a version they
 * replace the partial ones in that version's model. Nothing is ever computed from stale text.
 */
import type { AnalyzeOptions, DocumentAnalysis } from "@emqx-acl/analysis";
import { lower, type LowerResult } from "@emqx-acl/core";
import { parseDocument, type Diagnostic, type ParseResult } from "@emqx-acl/syntax";
import type { Settings } from "./settings";

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

/** What `analyzeDocument` receives for the given settings (exactly what `lint` passes). */
export function analyzeOptions(settings: Settings): AnalyzeOptions {
  return { dialect: settings.dialect, rules: settings.rules };
}

/** Identifies the analysis-relevant settings (a change re-analyses everything). */
export function settingsKey(settings: Settings): string {
  return JSON.stringify(analyzeOptions(settings));
}

interface Entry {
  version: number;
  key: string;
  analysis: DocumentAnalysis;
  lower: () => LowerResult;
  complete: boolean;
}

/**
 * A model whose rule model (and the diagnostics that need it) is computed on first use:
 * symbols, folding, semantic tokens and formatting need only the parse tree.
 */
function model(parse: ParseResult, lazyLower: () => LowerResult, complete: Diagnostic[] | null): DocumentAnalysis {
  let partial: Diagnostic[] | undefined;
  return {
    parse,
    get lowered() {
      return lazyLower();
    },
    get diagnostics() {
      return complete ?? (partial ??= [...parse.diagnostics, ...lazyLower().diagnostics].sort(byPosition));
    },
  };
}

const byPosition = (a: Diagnostic, b: Diagnostic) =>
  a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

export class AnalysisStore {
  private readonly entries = new Map<string, Entry>();
  private readonly complete = new Map<string, { version: number; key: string; diagnostics: Diagnostic[] }>();

  constructor(private readonly settingsFor: (uri: string) => Settings) {}

  /** The model of the document's current version (built now if needed). */
  get(doc: VersionedText): DocumentAnalysis {
    const key = settingsKey(this.settingsFor(doc.uri));
    const full = this.complete.get(doc.uri);
    const fullDiags = full && full.version === doc.version && full.key === key ? full.diagnostics : null;
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) {
      if (fullDiags && !hit.complete) {
        hit.analysis = model(hit.analysis.parse, hit.lower, fullDiags);
        hit.complete = true;
      }
      return hit.analysis;
    }
    const parse = parseDocument(doc.getText());
    const dialect = this.settingsFor(doc.uri).dialect;
    let lowered: LowerResult | undefined;
    const lazyLower = () => (lowered ??= lower(parse, dialect));
    const analysis = model(parse, lazyLower, fullDiags);
    this.entries.set(doc.uri, { version: doc.version, key, analysis, lower: lazyLower, complete: fullDiags !== null });
    return analysis;
  }

  /** Records the complete diagnostics of one version (from `analyzeDocument`). */
  setComplete(uri: string, version: number, key: string, diagnostics: Diagnostic[]): void {
    this.complete.set(uri, { version, key, diagnostics });
  }

  /** Whether the complete diagnostics of this version are known. */
  isComplete(uri: string, version: number, key: string): boolean {
    const c = this.complete.get(uri);
    return !!c && c.version === version && c.key === key;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.complete.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.complete.clear();
  }
}
