/**
 * The one diagnostic shape shared by the parser, the rule model, lint rules, the CLI
 * reporters and the language server. Positions are 0-based, characters in UTF-16 code
 * units, like LSP; reporters convert to 1-based for humans.
 */

export type Severity = "error" | "warning" | "info";

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

/** A text edit on the same document; `range` is replaced by `newText`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Diagnostic {
  /** Stable kebab-case id; parser ids start with `syntax-`. */
  id: string;
  severity: Severity;
  message: string;
  range: Range;
  /** 1-based index of the top-level form the diagnostic belongs to, or null. */
  term: number | null;
  related?: RelatedLocation[];
  fix?: Fix;
}
