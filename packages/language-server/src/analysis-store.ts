/**
 * The document model per version. Structure (parse tree, rule model, syntax and schema
 * diagnostics) is built on the LSP thread when a request needs it — parsing and lowering
 * are the fast part of the pipeline. The complete diagnostics, lint included, come from
 * `analyzeDocument` run by the {@link AnalysisRunner}; once they arrive for a version they
 * replace the partial ones in that version's model. Nothing is ever computed from stale text.
 */
import type { AnalyzeOptions, DocumentAnalysis } from "@emqx-acl/analysis";
import { lower } from "@emqx-acl/core";
import { parseDocument, type Diagnostic } from "@emqx-acl/syntax";
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
  complete: boolean;
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
        hit.analysis = { ...hit.analysis, diagnostics: fullDiags };
        hit.complete = true;
      }
      return hit.analysis;
    }
    const parse = parseDocument(doc.getText());
    const lowered = lower(parse, this.settingsFor(doc.uri).dialect);
    const diagnostics = fullDiags ?? [...parse.diagnostics, ...lowered.diagnostics].sort(byPosition);
    const analysis: DocumentAnalysis = { parse, lowered, diagnostics };
    this.entries.set(doc.uri, { version: doc.version, key, analysis, complete: fullDiags !== null });
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
