/**
 * Analyses cached per document version: every request on the same version reuses one
 * `analyzeDocument` run, and a request on a version not yet analysed (the debounce timer
 * has not fired) analyses it at once, so no answer is ever computed from stale text.
 */
import { analyzeDocument, type AnalyzeOptions, type DocumentAnalysis } from "@emqx-acl/analysis";
import type { Settings } from "./settings";

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

interface Entry {
  version: number;
  settingsKey: string;
  analysis: DocumentAnalysis;
}

/** What `analyzeDocument` receives for the given settings (the one shared pipeline). */
export function analyzeOptions(settings: Settings): AnalyzeOptions {
  return { dialect: settings.dialect, rules: settings.rules };
}

export class AnalysisStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly settingsFor: (uri: string) => Settings) {}

  /** The analysis of the document's current version (computed now if needed). */
  get(doc: VersionedText): DocumentAnalysis {
    const settings = this.settingsFor(doc.uri);
    const settingsKey = JSON.stringify(settings);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settingsKey === settingsKey) return hit.analysis;
    const analysis = analyzeDocument(doc.getText(), analyzeOptions(settings));
    this.entries.set(doc.uri, { version: doc.version, settingsKey, analysis });
    return analysis;
  }

  /** The cached analysis if it is for exactly this version. */
  peek(uri: string, version: number): DocumentAnalysis | null {
    const e = this.entries.get(uri);
    return e && e.version === version ? e.analysis : null;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
