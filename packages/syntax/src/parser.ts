/**
 * The Chevrotain parser for Erlang literal terms, with embedded actions that build the
 * term tree directly (no CST: measured faster, see bench/parse.bench.ts). Recovery is off:
 * `parse-document.ts` parses each form separately when the whole-file pass fails, which
 * gives one diagnostic per broken form and a tree for every other form.
 *
 * Some non-literals are accepted by the grammar on purpose (variables, unary minus on a
 * non-number, bad binary segments) so they get a precise "bad term" message: the first
 * one in a form is recorded in `badTerm` and the form's term becomes null.
 */
import {
  EmbeddedActionsParser,
  type IOrAlt,
  type IParserConfig,
  type IParserErrorMessageProvider,
  type IToken,
} from "chevrotain";
import * as T from "./tokens";
import type { Token } from "./tokens";
import {
  stringTerm,
  type Term,
  type StringTerm,
  type ListTerm,
  type MapTerm,
  type TupleTerm,
  type BinaryTerm,
  type Span,
} from "./term";
import { codesToString, stringTokenCodes } from "./lexer";
import { evalBinary, type Segment } from "./binary";

export interface BadTerm {
  start: number;
  end: number;
  message: string;
}

const end = (tok: IToken) => tok.endOffset! + 1;

const QUIET: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: () => "mismatched token",
  buildNotAllInputParsedMessage: () => "not all input parsed",
  buildNoViableAltMessage: () => "no viable alternative",
  buildEarlyExitMessage: () => "early exit",
};

export class TermParser extends EmbeddedActionsParser {
  /** The first non-literal seen since the last reset. */
  badTerm: BadTerm | null = null;

  /** `config` overrides exist for bench/parse-variants.ts, which measures the alternatives. */
  constructor(config: Pick<IParserConfig, "recoveryEnabled" | "maxLookahead"> = {}) {
    // LL(1) grammar; recovery off (parse-document.ts recovers per form); our own messages
    // are built in errors.ts, so Chevrotain's (costly) message building is skipped
    super(T.allTokenTypes, {
      recoveryEnabled: false,
      maxLookahead: 1,
      skipValidations: true,
      errorMessageProvider: QUIET,
      ...config,
    });
    this.performSelfAnalysis();
  }

  private bad(start: number, stop: number, message: string): void {
    if (!this.badTerm) this.badTerm = { start, end: stop, message };
  }

  /** Every form of a well-formed file: `term .` repeated. */
  public document = this.RULE("document", () => {
    const forms: { term: Term; start: number; end: number; bad: BadTerm | null }[] = [];
    this.MANY(() => {
      // a form starts at its first token, as when parsed on its own (a bad `-{…}` term
      // starts at its `{`)
      const first = this.LA(1);
      const term = this.SUBRULE(this.term);
      const dot = this.CONSUME(T.Dot);
      this.ACTION(() => {
        forms.push({ term, start: first.startOffset, end: end(dot), bad: this.badTerm });
        this.badTerm = null;
      });
    });
    return forms;
  });

  /** One form: `term .`. */
  public form = this.RULE("form", () => {
    const term = this.SUBRULE(this.term);
    this.CONSUME(T.Dot);
    return term;
  });

  /**
   * Alternatives arrays are built once: Chevrotain's `OR([...])` with a fresh array of
   * closures per call made the garbage collector the biggest cost of a parse (measured).
   */
  private termAlts?: IOrAlt<Term>[];

  public term = this.RULE("term", (): Term => {
    return this.OR(
      (this.termAlts ??= [
        // the commonest terms consume their token here: one rule invocation fewer each
        { ALT: () => this.atomTerm(this.CONSUME(T.Atom) as Token) },
        { ALT: () => this.atomTerm(this.CONSUME(T.QuotedAtom) as Token) },
        { ALT: () => this.SUBRULE(this.strings) },
        { ALT: () => this.numberTerm(this.CONSUME(T.Integer) as Token) },
        { ALT: () => this.numberTerm(this.CONSUME(T.Float) as Token) },
        { ALT: () => this.numberTerm(this.CONSUME(T.Char) as Token) },
        { ALT: () => this.SUBRULE(this.tuple) },
        { ALT: () => this.SUBRULE(this.list) },
        { ALT: () => this.SUBRULE(this.binary) },
        { ALT: () => this.SUBRULE(this.map) },
        { ALT: () => this.SUBRULE(this.variable) },
        { ALT: () => this.SUBRULE(this.paren) },
        { ALT: () => this.SUBRULE(this.unary) },
      ]),
    );
  });

  private atomTerm(tok: Token): Term {
    return {
      kind: "atom",
      value: tok.value as string,
      quoted: tok.tokenType === T.QuotedAtom,
      start: tok.startOffset,
      end: end(tok),
    };
  }

  private atomAlts?: IOrAlt<IToken>[];
  private atom = this.RULE("atom", (): Term => {
    const tok = this.OR(
      (this.atomAlts ??= [{ ALT: () => this.CONSUME(T.Atom) }, { ALT: () => this.CONSUME(T.QuotedAtom) }]),
    ) as Token;
    return this.atomTerm(tok);
  });

  private strings = this.RULE("strings", (): StringTerm => {
    const toks: Token[] = [];
    this.AT_LEAST_ONE(() => toks.push(this.CONSUME(T.StringLit) as Token));
    return this.ACTION(() => {
      const first = toks[0];
      const last = toks[toks.length - 1];
      if (toks.length === 1 && first.value === null)
        return stringTerm(first.image.slice(1, -1), null, first.startOffset, end(last));
      let codes = stringTokenCodes(first);
      if (toks.length > 1) {
        codes = [];
        for (const t of toks) for (const c of stringTokenCodes(t)) codes.push(c);
      }
      const value =
        toks.length === 1 && first.image.indexOf("\\") < 0 ? first.image.slice(1, -1) : codesToString(codes);
      return stringTerm(value, codes, first.startOffset, end(last));
    });
  });

  private numberAlts?: IOrAlt<IToken>[];
  private number = this.RULE("number", (): Term => {
    const tok = this.OR(
      (this.numberAlts ??= [
        { ALT: () => this.CONSUME(T.Integer) },
        { ALT: () => this.CONSUME(T.Float) },
        { ALT: () => this.CONSUME(T.Char) },
      ]),
    ) as Token;
    return this.numberTerm(tok);
  });

  private numberTerm(tok: Token): Term {
    const start = tok.startOffset;
    if (tok.tokenType === T.Float) return { kind: "float", value: tok.value as number, start, end: end(tok) };
    // in the recording phase tokens are placeholders without a value
    if (tok.tokenType === T.Char)
      return { kind: "integer", value: BigInt((tok.value as number) ?? 0), char: true, start, end: end(tok) };
    return { kind: "integer", value: tok.value as bigint, char: false, start, end: end(tok) };
  }

  private elements(into: Term[]): void {
    into.push(this.SUBRULE(this.term));
    this.MANY(() => {
      this.CONSUME(T.Comma);
      into.push(this.SUBRULE2(this.term));
    });
  }

  private tuple = this.RULE("tuple", (): TupleTerm => {
    const open = this.CONSUME(T.LCurly);
    const elements: Term[] = [];
    this.OPTION(() => this.elements(elements));
    const close = this.CONSUME(T.RCurly);
    // exact-size copy: a push-grown array keeps 17+ slots, and the parse result keeps it
    return { kind: "tuple", elements: elements.slice(), start: open.startOffset, end: end(close) };
  });

  private list = this.RULE("list", (): ListTerm => {
    const open = this.CONSUME(T.LBracket);
    const elements: Term[] = [];
    let tail: Term | null = null;
    this.OPTION(() => {
      this.elements(elements);
      this.OPTION2(() => {
        this.CONSUME(T.Bar);
        tail = this.SUBRULE3(this.term);
      });
    });
    const close = this.CONSUME(T.RBracket);
    return { kind: "list", elements: elements.slice(), tail, start: open.startOffset, end: end(close) };
  });

  private map = this.RULE("map", (): MapTerm => {
    const open = this.CONSUME(T.Hash);
    this.CONSUME(T.LCurly);
    const entries: MapTerm["entries"] = [];
    this.OPTION(() => {
      entries.push(this.SUBRULE(this.mapEntry));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        entries.push(this.SUBRULE2(this.mapEntry));
      });
    });
    const close = this.CONSUME(T.RCurly);
    return { kind: "map", entries, start: open.startOffset, end: end(close) };
  });

  private mapEntry = this.RULE("mapEntry", () => {
    const key = this.SUBRULE(this.term);
    this.CONSUME(T.Arrow);
    const value = this.SUBRULE2(this.term);
    return { key, value };
  });

  private variable = this.RULE("variable", (): Term => {
    const tok = this.CONSUME(T.Var);
    this.ACTION(() => {
      const name = tok.image;
      const hint =
        name === "_"
          ? "'_' is a variable"
          : `${name} starts with ${name[0] === "_" ? "'_'" : "an uppercase letter"}, so it is a variable`;
      this.bad(
        tok.startOffset,
        end(tok),
        `bad term: ${hint}, not a literal; quote it ('${name}') for an atom or write "${name}" for a string`,
      );
    });
    return { kind: "atom", value: tok.image, quoted: false, start: tok.startOffset, end: end(tok) };
  });

  private paren = this.RULE("paren", (): Term => {
    const open = this.CONSUME(T.LParen);
    const inner = this.SUBRULE(this.term);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => {
      // a string term keeps its class (its code points are built on demand)
      const t =
        inner.kind === "string"
          ? stringTerm(inner.value, inner.codes, open.startOffset, end(close))
          : ({ ...inner, start: open.startOffset, end: end(close) } as Term);
      if (signed.has(inner)) signed.add(t);
      return t;
    });
  });

  private unaryAlts?: IOrAlt<IToken>[];
  private unary = this.RULE("unary", (): Term => {
    const op = this.OR(
      (this.unaryAlts ??= [{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }]),
    );
    const inner = this.SUBRULE(this.term);
    return this.ACTION(() => applyUnary(op, inner, (s, e, m) => this.bad(s, e, m)));
  });

  private binary = this.RULE("binary", (): BinaryTerm => {
    const open = this.CONSUME(T.LBin);
    const segments: Segment[] = [];
    this.OPTION(() => {
      segments.push(this.SUBRULE(this.segment));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        segments.push(this.SUBRULE2(this.segment));
      });
    });
    const close = this.CONSUME(T.RBin);
    return this.ACTION(() => {
      const span = { start: open.startOffset, end: end(close) };
      const r = evalBinary(segments);
      if (typeof r === "string") {
        this.bad(span.start, span.end, `bad term: ${r}`);
        return { kind: "binary", bytes: "", start: span.start, end: span.end };
      }
      return r.bits === undefined
        ? { kind: "binary", bytes: r.bytes, start: span.start, end: span.end }
        : { kind: "binary", bytes: r.bytes, bits: r.bits, start: span.start, end: span.end };
    });
  });

  private segmentAlts?: IOrAlt<Term>[];
  private sizeAlts?: IOrAlt<Term>[];
  private segment = this.RULE("segment", (): Segment => {
    const value = this.OR(
      (this.segmentAlts ??= [
        { ALT: () => this.SUBRULE(this.strings) },
        { ALT: () => this.SUBRULE(this.number) },
        { ALT: () => this.SUBRULE(this.binary) },
        { ALT: () => this.SUBRULE(this.variable) },
        { ALT: () => this.SUBRULE(this.paren) },
        { ALT: () => this.SUBRULE(this.unary) },
        { ALT: () => this.SUBRULE(this.atom) },
      ]),
    ) as Term;
    let size: Term | null = null;
    const types: { name: string; unit: number | null; span: Span }[] = [];
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      size = this.OR2(
        (this.sizeAlts ??= [
          { ALT: () => this.SUBRULE2(this.number) },
          { ALT: () => this.SUBRULE2(this.paren) },
          { ALT: () => this.SUBRULE2(this.variable) },
        ]),
      );
    });
    this.OPTION2(() => {
      this.CONSUME(T.Slash);
      types.push(this.SUBRULE(this.typeSpec));
      this.MANY(() => {
        this.CONSUME(T.Minus);
        types.push(this.SUBRULE2(this.typeSpec));
      });
    });
    return { value, size, types };
  });

  private typeSpec = this.RULE("typeSpec", () => {
    const name = this.CONSUME(T.Atom);
    let unit: number | null = null;
    let last: IToken = name;
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      last = this.CONSUME(T.Integer);
      unit = this.ACTION(() => Number((last as Token).value));
    });
    return { name: name.image, unit, span: { start: name.startOffset, end: end(last) } };
  });
}

/** Terms made by a unary operator: `- -1` is an expression, not a literal (erl_parse:normalise). */
const signed = new WeakSet<Term>();

/** `-N` / `+N` on a number literal; anything else is a bad term. */
function applyUnary(op: IToken, inner: Term, bad: (s: number, e: number, m: string) => void): Term {
  const start = op.startOffset;
  const minus = op.tokenType === T.Minus;
  let t: Term | null = null;
  if (signed.has(inner)) t = null;
  else if (inner.kind === "integer")
    t = { ...inner, value: minus ? -inner.value : inner.value, char: inner.char, start };
  else if (inner.kind === "float") t = { ...inner, value: minus ? -inner.value : inner.value, start };
  if (t) {
    signed.add(t);
    return t;
  }
  bad(start, inner.end, `bad term: unary '${op.image}' applies only to a number literal, as in -1 or -1.5`);
  return inner;
}

let shared: TermParser | null = null;

/** The parser is stateless between inputs; building it (self-analysis) is done once. */
export function termParser(): TermParser {
  shared ??= new TermParser();
  return shared;
}
