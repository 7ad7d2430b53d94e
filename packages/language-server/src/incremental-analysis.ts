/**
 * One document's parse and rule model kept up to date edit by edit: the incremental parser
 * and lowerer together, so every parse is lowered with the splice it produced. The LSP
 * thread (requests, diagnostics of files that do not load) and the analysis worker (lint)
 * each keep their own per document. A model is valid until the next `update` of the same
 * instance: carried-over forms and rules are moved in place.
 */
import {
  AnalysisCancelled,
  IncrementalLinter,
  sortDiagnostics,
  type AnalyzeOptions,
  type DocumentAnalysis,
} from "@emqx-acl/analysis";
import { IncrementalLowerer, type LowerResult } from "@emqx-acl/core";
import { IncrementalParser, type FormSplice, type ParseResult } from "@emqx-acl/syntax";

export interface DocumentStructure {
  parse: ParseResult;
  lowered: LowerResult;
  /** How the forms relate to the previous update's (null: all new). */
  splice: FormSplice | null;
}

export class IncrementalAnalysis {
  private parser = new IncrementalParser();
  private lowerer = new IncrementalLowerer();

  update(text: string, options: AnalyzeOptions): DocumentStructure {
    try {
      const { result, splice } = this.parser.parse(text);
      return { parse: result, lowered: this.lowerer.lower(result, options.dialect, splice), splice };
    } catch (err) {
      // never continue from a half-updated state
      this.parser = new IncrementalParser();
      this.lowerer = new IncrementalLowerer();
      throw err;
    }
  }
}

/**
 * `analyzeDocument` for a stream of versions of several documents, incrementally: parse,
 * lowering and lint (only what an edit can affect is linted again; see IncrementalLinter).
 */
export class DocumentAnalyzer {
  private readonly docs = new Map<string, { structure: IncrementalAnalysis; linter: IncrementalLinter }>();

  analyze(uri: string, text: string, options: AnalyzeOptions): DocumentAnalysis {
    let doc = this.docs.get(uri);
    if (!doc) this.docs.set(uri, (doc = { structure: new IncrementalAnalysis(), linter: new IncrementalLinter() }));
    const { parse, lowered } = doc.structure.update(text, options);
    // lint rules describe a file EMQX actually runs: none when it refuses to load it
    if (lowered.ruleSet.loadError)
      return {
        parse,
        lowered,
        diagnostics: sortDiagnostics([...parse.diagnostics, ...lowered.diagnostics]),
        reachability: null,
      };
    try {
      const lint = doc.linter.lint(parse, lowered.dialect, lowered.ruleSet.rules, {
        rules: options.rules,
        cancel: options.cancel,
      });
      return {
        parse,
        lowered,
        diagnostics: sortDiagnostics([...parse.diagnostics, ...lowered.diagnostics, ...lint.diagnostics]),
        reachability: lint.reachability,
      };
    } catch (err) {
      // a cancelled (or failed) lint leaves the linter's state as it was; keep nothing half-done
      if (!(err instanceof AnalysisCancelled)) doc.linter.reset();
      throw err;
    }
  }

  /** Idle-time work the last lint of a document left (see IncrementalLinter.settle). */
  settle(uri: string): void {
    this.docs.get(uri)?.linter.settle();
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }

  /** How many documents it keeps state for. */
  get size(): number {
    return this.docs.size;
  }
}
