/**
 * Turns the parser's first error in a form into ONE clear diagnostic that says what
 * Erlang expects. The parser only knows "unexpected token"; the context (previous token,
 * bracket depth) tells a missing dot from a missing comma, an expression from a literal.
 */
import type { IRecognitionException, IToken, TokenType } from "chevrotain";
import * as T from "./tokens";

export interface FormError {
  id: string;
  message: string;
  start: number;
  end: number;
  /** For a missing dot between two terms: index of the token where the next form starts. */
  splitAt?: number;
}

const CLOSES_TERM = new Set<TokenType>([
  T.RCurly,
  T.RBracket,
  T.RBin,
  T.RParen,
  T.Atom,
  T.QuotedAtom,
  T.StringLit,
  T.Integer,
  T.Float,
  T.Char,
  T.Var,
]);
const STARTS_TERM = new Set<TokenType>([
  T.LCurly,
  T.LBracket,
  T.LBin,
  T.Hash,
  T.Atom,
  T.QuotedAtom,
  T.StringLit,
  T.Integer,
  T.Float,
  T.Char,
  T.Var,
  T.LParen,
]);
const EXPRESSION_OPS = new Set<TokenType>([
  T.Colon,
  T.LParen,
  T.Op,
  T.Plus,
  T.Minus,
  T.Slash,
  T.Reserved,
  T.Period,
  T.Hash,
]);

const DOT_HINT = "every rule ends with a dot followed by whitespace, a % comment or the end of the file";

/** Text shown for a token in messages. */
export function describe(tok: IToken | undefined): string {
  if (!tok || tok.tokenType.name === "EOF") return "end of file";
  const img = tok.image.length > 30 ? tok.image.slice(0, 27) + "..." : tok.image;
  return `'${img}'`;
}

const tokEnd = (t: IToken) => t.endOffset! + 1;

/** Innermost open bracket before token index `at`, or null at the top level. */
function openerAt(tokens: IToken[], at: number): TokenType | null {
  const stack: TokenType[] = [];
  for (let i = 0; i < at; i++) {
    const ty = tokens[i].tokenType;
    if (ty === T.LCurly || ty === T.LBracket || ty === T.LBin || ty === T.LParen) stack.push(ty);
    else if (ty === T.RCurly || ty === T.RBracket || ty === T.RBin || ty === T.RParen) stack.pop();
  }
  return stack.length ? stack[stack.length - 1] : null;
}

const EXPECT: Map<TokenType, string> = new Map([
  [T.LCurly, "',' or '}'"],
  [T.LBracket, "',', '|' or ']'"],
  [T.LBin, "',' or '>>'"],
  [T.LParen, "')'"],
]);

/** Classifies the first recognition error of a form made of `tokens` (its Dot included, if any). */
export function classify(tokens: IToken[], err: IRecognitionException, formStart: number): FormError {
  const tok = err.token;
  const isEof = !tok || tok.tokenType.name === "EOF" || Number.isNaN(tok.startOffset);
  const idx = isEof ? tokens.length : tokens.indexOf(tok);
  const prev = idx > 0 ? tokens[idx - 1] : undefined;
  const at = (t: IToken) => ({ start: t.startOffset, end: tokEnd(t) });

  if (!isEof && tok.tokenType === T.Reserved) return reserved(tok);
  if (prev && prev.tokenType === T.Reserved) return reserved(prev);
  if (isEof) {
    const where = prev ? tokEnd(prev) : formStart;
    return {
      id: "syntax-missing-dot",
      message: `unexpected end of file: the last rule is incomplete or misses its final '.'; ${DOT_HINT}`,
      start: Math.max(formStart, where - 1),
      end: where,
    };
  }
  if (tok.tokenType === T.Dot && !prev) {
    return { id: "syntax-unexpected-token", message: "a '.' with no term before it: remove the stray dot", ...at(tok) };
  }
  if (prev && prev.tokenType === T.Hash && tok.tokenType !== T.LCurly) {
    return {
      id: "syntax-unexpected-token",
      message: "syntax error before '#': '#' does not start a comment in Erlang; comments start with %",
      ...at(prev),
    };
  }
  const opener = openerAt(tokens, idx);
  const termDone = prev !== undefined && CLOSES_TERM.has(prev.tokenType);
  if (tok.tokenType === T.Period && termDone && opener === null) {
    const message = `this '.' does not end the rule because it is not followed by whitespace; ${DOT_HINT}`;
    return { id: "syntax-missing-dot", message, ...at(tok), splitAt: idx + 1 < tokens.length ? idx + 1 : undefined };
  }
  if (termDone && opener === null && STARTS_TERM.has(tok.tokenType) && tok.tokenType !== T.LParen) {
    const message = `missing '.' after the term before ${describe(tok)}; ${DOT_HINT}`;
    return { id: "syntax-missing-dot", message, start: tokEnd(prev) - 1, end: tokEnd(prev), splitAt: idx };
  }
  if (termDone && EXPRESSION_OPS.has(tok.tokenType)) return expression(tokens, idx, prev);
  if (termDone && STARTS_TERM.has(tok.tokenType) && opener) {
    return {
      id: "syntax-unexpected-token",
      message: `syntax error before ${describe(tok)}: expected ${EXPECT.get(opener)} (a ',' is probably missing)`,
      ...at(tok),
    };
  }
  const expected = opener && termDone ? EXPECT.get(opener)! : "a term (atom, string, number, tuple, list or binary)";
  return {
    id: "syntax-unexpected-token",
    message: `syntax error before ${describe(tok)}: expected ${expected}`,
    ...at(tok),
  };
}

function reserved(tok: IToken): FormError {
  return {
    id: "syntax-reserved-word",
    message: `'${tok.image}' is a reserved word in Erlang, not an atom; quote it: '${tok.image}'`,
    start: tok.startOffset,
    end: tokEnd(tok),
  };
}

/** `tcp:default`, `f(x)`, `a + b`, `#rec{}`: an expression where a literal is required. */
function expression(tokens: IToken[], idx: number, prev: IToken): FormError {
  const tok = tokens[idx];
  const next = tokens[idx + 1];
  const start = prev.startOffset;
  const end = next && next.tokenType !== T.Dot ? tokEnd(next) : tokEnd(tok);
  const text = tokens
    .slice(idx - 1, idx + 2)
    .filter((t) => t.tokenType !== T.Dot)
    .map((t) => t.image)
    .join("");
  let hint = "only literal terms are allowed (atoms, strings, numbers, tuples, lists, binaries, maps)";
  if (tok.tokenType === T.Colon && prev.tokenType === T.Atom && next && next.tokenType === T.Atom) {
    hint = `'${text}' is a remote name, not an atom; quote it: '${text}'`;
  } else if (tok.tokenType === T.LParen) hint = "function calls are not allowed; " + hint;
  else if (tok.tokenType === T.Hash) hint = "records are not allowed; " + hint;
  else if (tok.tokenType !== T.Period)
    hint = `operators are not allowed (except '-' directly before a number); ${hint}`;
  return { id: "syntax-bad-term", message: `bad term: ${hint}`, start, end };
}
