/**
 * Token types of the Erlang term language. The lexer is hand-written (see `lexer.ts`),
 * so a type is just a named object: the Chevrotain parser gives each its `tokenTypeIdx`
 * when it is built (it augments plain token types, as its docs allow). Chevrotain itself
 * is loaded only when a batch needs that parser (`chevrotain-parser.ts`): a well-formed
 * file is read by `literal-forms.ts` without it.
 */
import type { IToken, TokenType } from "chevrotain";

const t = (name: string, label?: string): TokenType => (label === undefined ? { name } : { name, LABEL: label });

export const Atom = t("Atom", "atom");
export const QuotedAtom = t("QuotedAtom", "quoted atom");
export const Var = t("Var", "variable");
export const StringLit = t("String", "string");
export const Char = t("Char", "character");
export const Integer = t("Integer", "integer");
export const Float = t("Float", "float");
export const Reserved = t("Reserved", "reserved word");
export const LCurly = t("LCurly", "'{'");
export const RCurly = t("RCurly", "'}'");
export const LBracket = t("LBracket", "'['");
export const RBracket = t("RBracket", "']'");
export const LParen = t("LParen", "'('");
export const RParen = t("RParen", "')'");
export const LBin = t("LBin", "'<<'");
export const RBin = t("RBin", "'>>'");
export const Comma = t("Comma", "','");
export const Bar = t("Bar", "'|'");
export const DoubleBar = t("DoubleBar", "'||'");
export const Hash = t("Hash", "'#'");
export const Arrow = t("Arrow", "'=>'");
export const Assoc = t("Assoc", "':='");
export const Colon = t("Colon", "':'");
export const Slash = t("Slash", "'/'");
export const Minus = t("Minus", "'-'");
export const Plus = t("Plus", "'+'");
/** The form terminator: a `.` followed by whitespace, a `%` comment or the end of the file. */
export const Dot = t("Dot", "'.' (end of rule)");
/** A `.` that is NOT a terminator (followed by something else, e.g. `{a}.{b}`). */
export const Period = t("Period", "'.'");
/** Any other operator or punctuation character (`*`, `=`, `!`, `<`, `;`, ...). */
export const Op = t("Op", "operator");

export const allTokenTypes: TokenType[] = [
  Atom,
  QuotedAtom,
  Var,
  StringLit,
  Char,
  Integer,
  Float,
  Reserved,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  LBin,
  RBin,
  Comma,
  Bar,
  DoubleBar,
  Hash,
  Arrow,
  Assoc,
  Colon,
  Slash,
  Minus,
  Plus,
  Dot,
  Period,
  Op,
];

/**
 * A token as the parser sees it. `value` holds the decoded literal: the atom name,
 * the string's code points (null: the plain text between the quotes, see
 * `stringTokenCodes`), the integer (bigint) or float, the char's code point.
 */
export interface Token extends IToken {
  value?: string | number | bigint | number[] | null;
}

/** Erlang reserved words (OTP 25): they are not atoms unless quoted. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  "after",
  "and",
  "andalso",
  "band",
  "begin",
  "bnot",
  "bor",
  "bsl",
  "bsr",
  "bxor",
  "case",
  "catch",
  "cond",
  "div",
  "end",
  "fun",
  "if",
  "let",
  "not",
  "of",
  "or",
  "orelse",
  "receive",
  "rem",
  "try",
  "when",
  "xor",
]);
