/**
 * The quick reader for the common batch of forms: literal terms only (atoms, strings,
 * numbers, tuples, lists, maps), each followed by its terminating dot. It builds exactly
 * the forms the Chevrotain parser builds for such a batch (a test compares the two) and
 * gives up — null — at the first token outside that subset: variables, signs, parentheses,
 * binaries, any syntax error. The Chevrotain parser then takes the batch and words the
 * errors. On the 10k-rule fleet file this reads the forms in about half the time the
 * Chevrotain pass took (profiled, cold), and the parser — built on first use, ~25 ms — is
 * not built at all for a well-formed file.
 */
import type { IToken } from "chevrotain";
import {
  stringTerm,
  type ListTerm,
  type MapTerm,
  type StringTerm,
  type Term,
  type TopLevelForm,
  type TupleTerm,
} from "./term";
import type { Token } from "./tokens";
import * as T from "./tokens";
import { codesToString, stringTokenCodes } from "./lexer";

/** Thrown (once per batch at most) to leave the reader; never escapes it. */
const GIVE_UP = { giveUp: true };

const end = (tok: IToken) => tok.endOffset! + 1;

class Reader {
  i = 0;
  constructor(private readonly tokens: Token[]) {}

  /** The token at the cursor, which must be of `type`; advances past it. */
  private expect(type: IToken["tokenType"]): Token {
    const tok = this.tokens[this.i];
    if (tok === undefined || tok.tokenType !== type) throw GIVE_UP;
    this.i++;
    return tok;
  }

  term(): Term {
    const tok = this.tokens[this.i];
    if (tok === undefined) throw GIVE_UP;
    const type = tok.tokenType;
    // same objects, fields in the same order, as parser.ts builds
    if (type === T.Atom || type === T.QuotedAtom) {
      this.i++;
      return {
        kind: "atom",
        value: tok.value as string,
        quoted: type === T.QuotedAtom,
        start: tok.startOffset,
        end: end(tok),
      };
    }
    if (type === T.StringLit) return this.strings();
    if (type === T.Integer) {
      this.i++;
      return { kind: "integer", value: tok.value as bigint, char: false, start: tok.startOffset, end: end(tok) };
    }
    if (type === T.Float) {
      this.i++;
      return { kind: "float", value: tok.value as number, start: tok.startOffset, end: end(tok) };
    }
    if (type === T.Char) {
      this.i++;
      return { kind: "integer", value: BigInt(tok.value as number), char: true, start: tok.startOffset, end: end(tok) };
    }
    if (type === T.LCurly) return this.tuple();
    if (type === T.LBracket) return this.list();
    if (type === T.Hash) return this.map();
    throw GIVE_UP;
  }

  /** Adjacent string literals are one string (`"a" "b"`). */
  private strings(): StringTerm {
    const tokens = this.tokens;
    const first = tokens[this.i];
    let last = first;
    if (tokens[this.i + 1]?.tokenType !== T.StringLit) {
      this.i++;
      const end0 = end(first);
      if (first.value === null) return stringTerm(first.image.slice(1, -1), null, first.startOffset, end0);
      const codes = first.value as number[];
      return stringTerm(
        first.image.indexOf("\\") < 0 ? first.image.slice(1, -1) : codesToString(codes),
        codes,
        first.startOffset,
        end0,
      );
    }
    const codes = [...stringTokenCodes(first)];
    while (tokens[this.i + 1]?.tokenType === T.StringLit) {
      last = tokens[++this.i];
      for (const c of stringTokenCodes(last)) codes.push(c);
    }
    this.i++;
    return stringTerm(codesToString(codes), codes, first.startOffset, end(last));
  }

  private elements(close: IToken["tokenType"], into: Term[]): void {
    const tokens = this.tokens;
    if (tokens[this.i]?.tokenType === close) return;
    into.push(this.term());
    while (tokens[this.i]?.tokenType === T.Comma) {
      this.i++;
      into.push(this.term());
    }
  }

  private tuple(): TupleTerm {
    const open = this.expect(T.LCurly);
    const elements: Term[] = [];
    this.elements(T.RCurly, elements);
    const close = this.expect(T.RCurly);
    // exact-size copy, as the parser keeps it
    return { kind: "tuple", elements: elements.slice(), start: open.startOffset, end: end(close) };
  }

  private list(): ListTerm {
    const open = this.expect(T.LBracket);
    const elements: Term[] = [];
    let tail: Term | null = null;
    this.elements(T.RBracket, elements);
    if (elements.length > 0 && this.tokens[this.i]?.tokenType === T.Bar) {
      this.i++;
      tail = this.term();
    }
    const close = this.expect(T.RBracket);
    return { kind: "list", elements: elements.slice(), tail, start: open.startOffset, end: end(close) };
  }

  private map(): MapTerm {
    const open = this.expect(T.Hash);
    this.expect(T.LCurly);
    const entries: MapTerm["entries"] = [];
    if (this.tokens[this.i]?.tokenType !== T.RCurly) {
      for (;;) {
        const key = this.term();
        this.expect(T.Arrow);
        entries.push({ key, value: this.term() });
        if (this.tokens[this.i]?.tokenType !== T.Comma) break;
        this.i++;
      }
    }
    const close = this.expect(T.RCurly);
    return { kind: "map", entries, start: open.startOffset, end: end(close) };
  }
}

/**
 * The forms of a batch of whole forms (numbered from `before + 1`), or null when a token
 * falls outside literal terms. Nesting is bounded by the caller (`MAX_DEPTH`).
 */
export function readLiteralForms(tokens: IToken[], before: number): TopLevelForm[] | null {
  const r = new Reader(tokens as Token[]);
  const forms: TopLevelForm[] = [];
  try {
    while (r.i < tokens.length) {
      const first = tokens[r.i];
      const term = r.term();
      const dot = tokens[r.i];
      if (dot === undefined || dot.tokenType !== T.Dot) return null;
      r.i++;
      forms.push({ index: before + forms.length + 1, start: first.startOffset, end: end(dot), term });
    }
  } catch (e) {
    if (e === GIVE_UP) return null;
    throw e;
  }
  return forms;
}
