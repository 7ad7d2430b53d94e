/**
 * One document's parse and rule model kept up to date edit by edit: the incremental parser
 * and lowerer together, so every parse is lowered with the splice it produced. The LSP
 * thread (requests, diagnostics of files that do not load) and the analysis worker (lint)
 * each keep their own per document. A model is valid until the next `update` of the same
 * instance: carried-over forms and rules are moved in place.
 */
import { lintLowered, type AnalyzeOptions, type DocumentAnalysis } from "@emqx-acl/analysis";
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

/** `analyzeDocument` for a stream of versions of several documents, incrementally. */
export class DocumentAnalyzer {
  private readonly docs = new Map<string, IncrementalAnalysis>();

  analyze(uri: string, text: string, options: AnalyzeOptions): DocumentAnalysis {
    let doc = this.docs.get(uri);
    if (!doc) this.docs.set(uri, (doc = new IncrementalAnalysis()));
    const { parse, lowered } = doc.update(text, options);
    return lintLowered(parse, lowered, options);
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }
}
