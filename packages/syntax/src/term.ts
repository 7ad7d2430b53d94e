/**
 * The term tree: Erlang literal terms as `file:consult/1` reads them, with exact source
 * spans. Offsets are UTF-16 code-unit indexes into the document text (start inclusive,
 * end exclusive); turn them into line/character positions with a {@link LineIndex}.
 */

/** A half-open span of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

/** `allow`, `'and'`, `'tcp:default'`. `value` is the atom's name (escapes resolved). */
export interface AtomTerm extends Span {
  kind: "atom";
  value: string;
  quoted: boolean;
}

/**
 * A string literal (adjacent literals already joined: `"a" "b"` is one node).
 * In Erlang a string IS a list of integers; `value` holds the code points as a JS string
 * (astral characters as surrogate pairs) and `codes` the code points themselves.
 */
export interface StringTerm extends Span {
  kind: "string";
  value: string;
  readonly codes: number[];
}

/**
 * A string term whose code points are built on first use: most literals are plain text
 * (no escapes, no astral characters) that lowering reads as `value` alone, and a code
 * point array per literal was a large share of a big file's parse time and garbage.
 */
class StringLiteral implements StringTerm {
  readonly kind = "string";
  constructor(
    public value: string,
    private readonly known: number[] | null,
    public start: number,
    public end: number,
  ) {}

  get codes(): number[] {
    if (this.known !== null) return this.known;
    // built only from plain text, where code units are the code points; not kept: lowering
    // reads it once, and kept it was ~200 bytes per string of every parse an editor holds
    const v = this.value;
    const out = new Array<number>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v.charCodeAt(i);
    return out;
  }
}

/**
 * A string term. `codes` null: `value` is plain text (no lone or paired surrogates), whose
 * code units are its code points.
 */
export function stringTerm(value: string, codes: number[] | null, start: number, end: number): StringTerm {
  return new StringLiteral(value, codes, start, end);
}

/** Integers, including `$c` characters (`char: true`) and `16#ff`. */
export interface IntegerTerm extends Span {
  kind: "integer";
  value: bigint;
  char: boolean;
}

export interface FloatTerm extends Span {
  kind: "float";
  value: number;
}

/**
 * `<<...>>`. `bytes` is the binary's content as a byte string (one JS char per byte,
 * 0..255), computed as Erlang does: string segments without `/utf8` keep the low 8 bits
 * of each code point, `/utf8` encodes, integers keep their low `Size` bits.
 */
export interface BinaryTerm extends Span {
  kind: "binary";
  bytes: string;
  /** Only for a bitstring (`<<1:4>>`): its length in bits; the last byte is zero-padded. */
  bits?: number;
}

export interface TupleTerm extends Span {
  kind: "tuple";
  elements: Term[];
}

/** `[a, b]` or `[H | T]` (`tail` set for the bar form). */
export interface ListTerm extends Span {
  kind: "list";
  elements: Term[];
  tail: Term | null;
}

/** `#{K => V}`: parses, never valid in a rule. */
export interface MapTerm extends Span {
  kind: "map";
  entries: { key: Term; value: Term }[];
}

export type Term = AtomTerm | StringTerm | IntegerTerm | FloatTerm | BinaryTerm | TupleTerm | ListTerm | MapTerm;

/** A `%` comment, text including the `%` characters, without the line break. */
export interface Comment extends Span {
  text: string;
}

/**
 * One top-level form: a term followed by its terminating dot.
 * `index` is 1-based and counts every form in the file (what EMQX calls the rule number).
 * `term` is null when the form could not be parsed (a syntax diagnostic says why).
 */
export interface TopLevelForm extends Span {
  index: number;
  term: Term | null;
}
