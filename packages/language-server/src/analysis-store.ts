/**
 * The document model of each open document's current version, on the LSP thread: parse
 * tree, rule model and the syntax and schema diagnostics, brought up to date incrementally
 * when a request (or validation) needs it. When the file does not load, those are all its
 * diagnostics (lint describes files EMQX runs); otherwise the complete diagnostics, lint
 * included, come from `analyzeDocument` in the {@link AnalysisRunner} and replace them once
 * they arrive for that version. Nothing is ever computed from stale text.
 */
import {
  sortDiagnostics,
  type AnalyzeOptions,
  type DocumentAnalysis,
  type ReachabilityResult,
} from "@emqx-acl/analysis";
import type { Diagnostic } from "@emqx-acl/syntax";
import { IncrementalAnalysis } from "./incremental-analysis";
import { rememberReachability } from "./reachability";
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

/** Whether lint runs on this model (it does not on files EMQX refuses to load). */
export function needsLint(a: DocumentAnalysis): boolean {
  return a.lowered.ruleSet.loadError === null;
}

interface Complete {
  version: number;
  key: string;
  diagnostics: Diagnostic[];
  reachability: ReachabilityResult[] | null;
}

interface Entry {
  version: number;
  key: string;
  analysis: DocumentAnalysis;
  complete: boolean;
}

export class AnalysisStore {
  private readonly docs = new Map<string, IncrementalAnalysis>();
  private readonly entries = new Map<string, Entry>();
  private readonly complete = new Map<string, Complete>();

  constructor(private readonly settingsFor: (uri: string) => Settings) {}

  /** The model of the document's current version (brought up to date now if needed). */
  get(doc: VersionedText): DocumentAnalysis {
    const settings = this.settingsFor(doc.uri);
    const key = settingsKey(settings);
    const c = this.complete.get(doc.uri);
    const full = c && c.version === doc.version && c.key === key ? c : null;
    const fullDiags = full?.diagnostics ?? null;
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) {
      if (full && !hit.complete) {
        hit.analysis = {
          parse: hit.analysis.parse,
          lowered: hit.analysis.lowered,
          diagnostics: full.diagnostics,
          reachability: full.reachability,
        };
        rememberReachability(hit.analysis, full.reachability);
        hit.complete = true;
      }
      return hit.analysis;
    }
    let inc = this.docs.get(doc.uri);
    if (!inc) this.docs.set(doc.uri, (inc = new IncrementalAnalysis()));
    const { parse, lowered } = inc.update(doc.getText(), analyzeOptions(settings));
    let partial: Diagnostic[] | undefined;
    const analysis: DocumentAnalysis = {
      parse,
      lowered,
      get diagnostics() {
        return fullDiags ?? (partial ??= sortDiagnostics([...parse.diagnostics, ...lowered.diagnostics]));
      },
      reachability: full?.reachability ?? null,
    };
    if (full) rememberReachability(analysis, full.reachability);
    this.entries.set(doc.uri, { version: doc.version, key, analysis, complete: fullDiags !== null });
    return analysis;
  }

  /** Records the complete diagnostics of one version (and lint's reachability verdicts). */
  setComplete(
    uri: string,
    version: number,
    key: string,
    diagnostics: Diagnostic[],
    reachability: ReachabilityResult[] | null = null,
  ): void {
    this.complete.set(uri, { version, key, diagnostics, reachability });
  }

  /** Whether the complete diagnostics of this version are known. */
  isComplete(uri: string, version: number, key: string): boolean {
    const c = this.complete.get(uri);
    return !!c && c.version === version && c.key === key;
  }

  /** How many documents each of its maps holds. */
  sizes(): Record<string, number> {
    return { incremental: this.docs.size, models: this.entries.size, complete: this.complete.size };
  }

  delete(uri: string): void {
    this.docs.delete(uri);
    this.entries.delete(uri);
    this.complete.delete(uri);
  }

  /** Forgets the complete diagnostics (settings changed); the models stay, keyed by settings. */
  clear(): void {
    this.entries.clear();
    this.complete.clear();
  }
}
