/**
 * HOCON tokens (Chevrotain). Whitespace and comments are skipped; newlines are kept
 * because HOCON uses them as field separators, and runs of them are collapsed into one
 * token after lexing so the grammar needs only one-token lookahead.
 */
import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";

export const HNewline = createToken({ name: "HNewline", pattern: /\r?\n|\r/, line_breaks: true });
export const HWhitespace = createToken({
  name: "HWhitespace",
  pattern: /[ \t\f\v\uFEFF\u00A0]+/,
  group: Lexer.SKIPPED,
});
export const HComment = createToken({ name: "HComment", pattern: /(?:#|\/\/)[^\r\n]*/, group: Lexer.SKIPPED });
export const HLCurly = createToken({ name: "HLCurly", pattern: "{", label: "'{'" });
export const HRCurly = createToken({ name: "HRCurly", pattern: "}", label: "'}'" });
export const HLBracket = createToken({ name: "HLBracket", pattern: "[", label: "'['" });
export const HRBracket = createToken({ name: "HRBracket", pattern: "]", label: "']'" });
export const HComma = createToken({ name: "HComma", pattern: ",", label: "','" });
export const HPlusEquals = createToken({ name: "HPlusEquals", pattern: "+=", label: "'+='" });
export const HSeparator = createToken({ name: "HSeparator", pattern: /[:=]/, label: "'=' or ':'" });
/** `"""…"""`: no escapes; a run of more than three closing quotes keeps the extra ones. */
export const HTripleString = createToken({
  name: "HTripleString",
  pattern: /"""[\s\S]*?""""*/,
  line_breaks: true,
  label: "triple-quoted string",
});
export const HString = createToken({
  name: "HString",
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: "quoted string",
});
/** An unterminated quoted string: lexed so the parser can say what is wrong. */
export const HBadString = createToken({
  name: "HBadString",
  pattern: /"(?:[^"\\\r\n]|\\.)*/,
  label: "unterminated string",
});
export const HSubstitution = createToken({
  name: "HSubstitution",
  pattern: /\$\{\??[^}\r\n]*\}/,
  label: "substitution",
});
/**
 * Unquoted text: anything but the characters HOCON forbids, and no `//` (a comment).
 * Keys, numbers, booleans, durations (`15s`) and sizes (`1MB`) are all unquoted text; the
 * parser decides what they mean from where they stand.
 */
export const HUnquoted = createToken({
  name: "HUnquoted",
  pattern: /(?:[^\s"{}[\]:=,+#`^?!@*&\\$/]|\/(?!\/)|\+(?!=))+/,
  label: "unquoted text",
});

export const hoconTokens: TokenType[] = [
  HNewline,
  HWhitespace,
  HComment,
  HTripleString,
  HString,
  HBadString,
  HSubstitution,
  HLCurly,
  HRCurly,
  HLBracket,
  HRBracket,
  HComma,
  HPlusEquals,
  HSeparator,
  HUnquoted,
];

/**
 * Built on first use: building it (~15 ms) at module load made every command that never
 * reads HOCON pay for it, `check` included.
 */
let lexer: Lexer | null = null;
function hoconLexer(): Lexer {
  lexer ??= new Lexer(hoconTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
  return lexer;
}

export interface HoconLexError {
  offset: number;
  length: number;
  message: string;
}

/** Lexes text and collapses each run of newlines into its first newline token. */
export function lexHocon(text: string): { tokens: IToken[]; errors: HoconLexError[] } {
  const result = hoconLexer().tokenize(text);
  const tokens: IToken[] = [];
  for (const t of result.tokens) {
    const prev = tokens[tokens.length - 1];
    if (t.tokenType === HNewline && prev && prev.tokenType === HNewline) continue;
    tokens.push(t);
  }
  const errors = result.errors.map((e) => ({
    offset: e.offset,
    length: e.length,
    message: `unexpected character ${JSON.stringify(text.substr(e.offset, 1))}`,
  }));
  return { tokens, errors };
}
