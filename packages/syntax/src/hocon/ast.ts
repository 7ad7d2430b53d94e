/**
 * The HOCON syntax tree, before includes, merging and substitutions are resolved.
 * Every node carries UTF-16 offsets into its own file's text (start inclusive, end exclusive).
 */
import type { Span } from "../term";

/** One segment of a (possibly dotted) key: `a."b.c".d` has three. */
export interface HoconKeySegment extends Span {
  name: string;
}

export interface HoconField extends Span {
  kind: "field";
  path: HoconKeySegment[];
  /** `=`/`:` and `{` (no separator) set; `+=` appends to an array. */
  op: "set" | "append";
  value: HoconNode;
}

/** `include "f"`, `include required("f")`, `include file("f")`. */
export interface HoconInclude extends Span {
  kind: "include";
  file: string;
  required: boolean;
  /** Span of the quoted file name. */
  fileSpan: Span;
}

export interface HoconObjectNode extends Span {
  kind: "object";
  items: (HoconField | HoconInclude)[];
}

export interface HoconArrayNode extends Span {
  kind: "array";
  items: HoconNode[];
}

/** Unquoted, quoted or triple-quoted text. Numbers, booleans and null stay text. */
export interface HoconStringNode extends Span {
  kind: "string";
  value: string;
  quoted: "none" | "double" | "triple";
}

/** `${a.b}` / `${?VAR}`. */
export interface HoconSubstitutionNode extends Span {
  kind: "substitution";
  path: string;
  optional: boolean;
}

/** Adjacent values on one line: `foo bar`, `${a} ${b}`, `{a=1} {b=2}`, `[1] [2]`. */
export interface HoconConcatNode extends Span {
  kind: "concat";
  parts: HoconNode[];
}

export type HoconNode = HoconObjectNode | HoconArrayNode | HoconStringNode | HoconSubstitutionNode | HoconConcatNode;
