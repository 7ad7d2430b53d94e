/**
 * Hand-written scanner for the Erlang term language, following OTP 25 `erl_scan`
 * (what `file:consult/1` uses). One pass over the text with `charCodeAt`, no regexes,
 * no backtracking: linear in the input. Errors never stop the scan: each one is recorded
 * and scanning resumes at a sensible point, so the parser still sees the later forms.
 */
import type { TokenType } from "chevrotain";
import type { Comment } from "./term";
import * as T from "./tokens";
import type { Token } from "./tokens";
import { scanEscape } from "./escapes";
import { detach } from "./detach";

/** A scanner error, with offsets; `parse-document.ts` turns it into a Diagnostic. */
export interface LexError {
  id: string;
  message: string;
  start: number;
  end: number;
}

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
  errors: LexError[];
}

/** Code points the Erlang scanner treats as blanks: <= 32 and 128..160 (NBSP included). */
export function isBlank(c: number): boolean {
  return c <= 32 || (c >= 128 && c <= 160);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Latin-1 lowercase letters start atoms: a-z and ß..ÿ except ÷. */
const isLower = (c: number) => (c >= 97 && c <= 122) || (c >= 223 && c <= 255 && c !== 247);
/** Uppercase letters and `_` start variables: A-Z, _, À..Þ except ×. */
const isUpperOrUnderscore = (c: number) => (c >= 65 && c <= 90) || c === 95 || (c >= 192 && c <= 222 && c !== 215);
const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  isDigit(c) ||
  c === 95 ||
  c === 64 ||
  (c >= 192 && c <= 255 && c !== 215 && c !== 247);

/** Value of a digit in bases up to 36, or 99. */
function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

/** Erlang atoms hold at most 255 characters (`erl_scan` reports `{illegal, atom}`). */
const MAX_ATOM = 255;
const ATOM_TOO_LONG = "atom too long: Erlang atoms hold at most 255 characters; use a string for longer text";

const PUNCT: Record<number, TokenType> = {
  123: T.LCurly,
  125: T.RCurly,
  91: T.LBracket,
  93: T.RBracket,
  40: T.LParen,
  41: T.RParen,
  44: T.Comma,
  35: T.Hash,
  47: T.Slash,
  45: T.Minus,
  43: T.Plus,
};

/**
 * Atom names repeat (allow, deny, user, subscribe, ...): keeping one copy of each instead
 * of one per occurrence shrinks what a parse retains, hence what the GC must copy.
 */
const atoms = new Map<string, string>();

function intern(name: string): string {
  const known = atoms.get(name);
  if (known !== undefined) return known;
  if (atoms.size >= 4096) return name;
  // kept for the process: a copy of its own, not a view into this document's text
  const own = detach(name);
  atoms.set(own, own);
  return own;
}

/** Scans `text` into tokens, comments and errors. Never throws. */
export function tokenize(text: string): LexResult {
  const s = new Scanner(text);
  s.scan(Infinity);
  return { tokens: s.tokens, comments: s.comments, errors: s.errors };
}

/**
 * A token with its image computed on demand: a 9 MB file has ~2.4M tokens, and slicing
 * every image up front doubled the garbage collector's work (measured).
 */
class Tok {
  constructor(
    public src: string,
    public tokenType: TokenType,
    public startOffset: number,
    public endOffset: number,
    public value: Token["value"],
  ) {}

  get image(): string {
    return this.src.slice(this.startOffset, this.endOffset + 1);
  }

  /** What the Chevrotain parser matches on: the type's index, which it assigns when built. */
  get tokenTypeIdx(): number {
    return this.tokenType.tokenTypeIdx!;
  }
}

/**
 * The scanner. `scan(n)` appends tokens until at least `n` are buffered and the last one
 * is a terminating dot (or the text ends), so a caller can parse a large file in batches
 * of whole forms while the token objects are still young (cheap to collect).
 */
export class Scanner {
  tokens: Token[] = [];
  readonly comments: Comment[] = [];
  readonly errors: LexError[] = [];
  /**
   * Offsets of quotes never closed (whether or not reported: a form reports only its first
   * error). Scanning them read to the end of the text, so any later edit can change them.
   */
  readonly openQuotes: number[] = [];
  pos = 0;

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** Hands over the buffered tokens and starts a new buffer. */
  take(): Token[] {
    if (this.reuse) {
      this.recycle = true;
      return this.tokens;
    }
    const t = this.tokens;
    this.tokens = [];
    return t;
  }

  /**
   * With `reuse`, token objects (and the array) are recycled from one batch to the next:
   * a batch's tokens are dead once it is parsed (terms keep offsets, never tokens), and
   * allocating ~24 tokens per rule anew was a large share of the GC work (measured).
   * A batch's tokens are valid until the next `scan` call.
   */
  reuse = false;
  private recycle = false;
  private pool: Tok[] = [];

  scan(minTokens: number): void {
    if (this.recycle) {
      this.recycle = false;
      this.tokens.length = 0;
    }
    const { text } = this;
    const n = text.length;
    while (this.pos < n) {
      if (this.tokens.length >= minTokens && this.tokens[this.tokens.length - 1].tokenType === T.Dot) return;
      const c = text.charCodeAt(this.pos);
      if (isBlank(c)) this.pos++;
      else if (isLower(c)) this.atom();
      else if (isDigit(c)) this.number();
      else if (c === 34) this.quoted(34);
      else if (c === 39) this.quoted(39);
      else if (c === 37) this.comment();
      else if (isUpperOrUnderscore(c)) this.variable();
      else if (c === 36) this.char();
      else this.punct(c);
    }
  }

  push(type: TokenType, start: number, end: number, value?: Token["value"]): void {
    const tokens = this.tokens;
    if (!this.reuse) {
      tokens.push(new Tok(this.text, type, start, end - 1, value) as unknown as Token);
      return;
    }
    const i = tokens.length;
    let t = this.pool[i];
    if (t === undefined) {
      t = new Tok(this.text, type, start, end - 1, value);
      this.pool.push(t);
    } else {
      t.tokenType = type;
      t.startOffset = start;
      t.endOffset = end - 1;
      t.value = value;
    }
    tokens.push(t as unknown as Token);
  }

  /** Set once a form has a scanner error: only its first is kept (one diagnostic per form). */
  private formHasError = false;

  error(id: string, message: string, start: number, end: number): void {
    if (this.formHasError) return;
    this.formHasError = true;
    this.errors.push({ id, message, start, end });
  }

  atom(): void {
    const { text } = this;
    const start = this.pos;
    let p = start + 1;
    while (p < text.length && isNameChar(text.charCodeAt(p))) p++;
    this.pos = p;
    if (p - start > MAX_ATOM) return this.error("syntax-atom-too-long", ATOM_TOO_LONG, start, p);
    const name = intern(text.slice(start, p));
    this.push(T.RESERVED_WORDS.has(name) ? T.Reserved : T.Atom, start, p, name);
  }

  variable(): void {
    const { text } = this;
    const start = this.pos;
    let p = start + 1;
    while (p < text.length && isNameChar(text.charCodeAt(p))) p++;
    this.pos = p;
    this.push(T.Var, start, p, text.slice(start, p));
  }

  comment(): void {
    const { text } = this;
    const start = this.pos;
    let p = start;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === 10 || c === 13) break;
      p++;
    }
    this.pos = p;
    this.comments.push({ start, end: p, text: text.slice(start, p) });
  }

  /** Digits with `_` separators (a `_` must sit between two digits of the base). */
  digits(p: number, base: number): number {
    const { text } = this;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (digitValue(c) < base) p++;
      else if (c === 95 && p + 1 < text.length && digitValue(text.charCodeAt(p + 1)) < base) p++;
      else break;
    }
    return p;
  }

  number(): void {
    const { text } = this;
    const start = this.pos;
    let p = this.digits(start, 10);
    const c = text.charCodeAt(p);
    if (c === 35) return this.based(start, p);
    if (c === 46 && isDigit(text.charCodeAt(p + 1))) return this.float(start, p + 1);
    this.pos = p;
    const clean = text.slice(start, p).replaceAll("_", "");
    this.push(T.Integer, start, p, BigInt(clean));
  }

  based(start: number, hashAt: number): void {
    const base = Number(this.text.slice(start, hashAt).replaceAll("_", ""));
    if (base < 2 || base > 36) {
      this.error(
        "syntax-bad-number",
        `integer base ${base} is out of range; Erlang accepts bases 2 to 36 (as in 16#ff)`,
        start,
        hashAt + 1,
      );
      this.pos = this.digits(hashAt + 1, 36);
      return;
    }
    const end = this.digits(hashAt + 1, base);
    if (end === hashAt + 1) {
      this.error(
        "syntax-bad-number",
        `'${base}#' must be followed by at least one base-${base} digit`,
        start,
        hashAt + 1,
      );
      this.pos = hashAt + 1;
      return;
    }
    this.pos = end;
    this.push(T.Integer, start, end, parseBigInt(this.text.slice(hashAt + 1, end).replaceAll("_", ""), base));
  }

  float(start: number, fracAt: number): void {
    const { text } = this;
    let p = this.digits(fracAt, 10);
    const e = text.charCodeAt(p);
    if (e === 101 || e === 69) {
      let q = p + 1;
      const s = text.charCodeAt(q);
      if (s === 43 || s === 45) q++;
      if (!isDigit(text.charCodeAt(q))) {
        this.error("syntax-bad-number", "a float exponent needs digits, as in 1.5e3 or 1.0e-3", start, q);
        this.pos = q;
        return;
      }
      p = this.digits(q, 10);
    }
    this.pos = p;
    const value = Number(text.slice(start, p).replaceAll("_", ""));
    if (!Number.isFinite(value)) {
      this.error("syntax-bad-number", "float out of range", start, p);
      return;
    }
    this.push(T.Float, start, p, value);
  }

  char(): void {
    const { text } = this;
    const start = this.pos;
    if (start + 1 >= text.length) {
      this.error("syntax-unterminated-char", "'$' must be followed by a character, as in $a or $\\n", start, start + 1);
      this.pos = start + 1;
      return;
    }
    if (text.charCodeAt(start + 1) === 92) {
      const esc = scanEscape(text, start + 2);
      this.pos = esc.end;
      if (esc.error) this.error("syntax-bad-escape", esc.error, start + 1, esc.end);
      else this.push(T.Char, start, esc.end, esc.code);
      return;
    }
    const cp = text.codePointAt(start + 1)!;
    const end = start + 1 + (cp > 0xffff ? 2 : 1);
    this.pos = end;
    this.push(T.Char, start, end, cp);
  }

  /**
   * A string (`"`) or quoted atom (`'`) without escapes or surrogates (the common case): a
   * string token's value is null, meaning its code points are the code units between the
   * quotes ({@link stringTokenCodes}); the string term builds them only if asked.
   */
  quoted(quote: number): void {
    const { text } = this;
    const start = this.pos;
    let p = start + 1;
    let c = 0;
    while (p < text.length && (c = text.charCodeAt(p)) !== quote && c !== 92 && (c < 0xd800 || c > 0xdfff)) p++;
    if (c !== quote || p >= text.length) return this.quotedGeneral(quote);
    this.pos = p + 1;
    if (quote === 34) return this.push(T.StringLit, start, p + 1, null);
    if (p - start - 1 > MAX_ATOM) return this.error("syntax-atom-too-long", ATOM_TOO_LONG, start, p + 1);
    this.push(T.QuotedAtom, start, p + 1, text.slice(start + 1, p));
  }

  /** A string or quoted atom with escapes or astral characters, escapes resolved. */
  quotedGeneral(quote: number): void {
    const { text } = this;
    const start = this.pos;
    let codes: number[] = [];
    let p = start + 1;
    let escaped = false;
    let badEscape = false;
    const errorsBefore = this.errors.length;
    const hadError = this.formHasError;
    while (p < text.length) {
      const c = text.charCodeAt(p);
      if (c === quote) break;
      if (c === 92) {
        escaped = true;
        const esc = scanEscape(text, p + 1);
        if (esc.error && !badEscape) {
          badEscape = true;
          this.error("syntax-bad-escape", esc.error, p, esc.end);
        }
        codes.push(esc.code);
        p = esc.end;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff) {
        const cp = text.codePointAt(p)!;
        codes.push(cp);
        p += cp > 0xffff ? 2 : 1;
        continue;
      }
      codes.push(c);
      p++;
    }
    if (p >= text.length) {
      // a bad escape met on the way to the end of the file is no error of this form's
      // text: the string is, and scanning resumes before that escape
      this.errors.length = errorsBefore;
      this.formHasError = hadError;
      return this.unterminated(quote, start);
    }
    this.pos = p + 1;
    if (badEscape) return;
    codes = codes.slice(); // exact size: the parse result keeps it
    if (quote === 34) return this.push(T.StringLit, start, p + 1, codes);
    if (codes.length > MAX_ATOM) return this.error("syntax-atom-too-long", ATOM_TOO_LONG, start, p + 1);
    const value = escaped ? codesToString(codes) : text.slice(start + 1, p);
    this.push(T.QuotedAtom, start, p + 1, value);
  }

  /**
   * No closing quote before the end of the file. Erlang rejects the file; to keep the
   * rest of the document useful we resume scanning on the line after the opening quote,
   * behind a zero-width terminator so the next line starts a new form.
   */
  unterminated(quote: number, start: number): void {
    this.openQuotes.push(start);
    const what = quote === 34 ? "string" : "quoted atom";
    const q = quote === 34 ? '"' : "'";
    this.error(
      "syntax-unterminated-string",
      `unterminated ${what}: the ${q} opened here is never closed`,
      start,
      start + 1,
    );
    const { text } = this;
    let p = start + 1;
    while (p < text.length && text.charCodeAt(p) !== 10) p++;
    this.pos = p;
    this.push(T.Dot, p, p);
    this.formHasError = false;
  }

  punct(c: number): void {
    const { text } = this;
    const start = this.pos;
    const next = text.charCodeAt(start + 1);
    if (c === 46) return this.dot(start);
    if (c === 60 && next === 60) return this.two(T.LBin);
    if (c === 62 && next === 62) return this.two(T.RBin);
    if (c === 61 && next === 62) return this.two(T.Arrow);
    if (c === 58 && next === 61) return this.two(T.Assoc);
    if (c === 124 && next === 124) return this.two(T.DoubleBar);
    if (c === 124) return this.one(T.Bar);
    if (c === 58) return this.one(T.Colon);
    const type = PUNCT[c];
    if (type) return this.one(type);
    if (c < 256) return this.one(T.Op);
    this.illegal(start);
  }

  /** A two-character token (a method, not a closure per call: punctuation is a third of the tokens). */
  two(type: TokenType): void {
    const start = this.pos;
    this.pos = start + 2;
    this.push(type, start, start + 2);
  }

  one(type: TokenType): void {
    const start = this.pos++;
    this.push(type, start, start + 1);
    if (type === T.Dot) this.formHasError = false;
  }

  dot(start: number): void {
    const next = this.text.charCodeAt(start + 1);
    // NaN at end of file: also a terminator
    const terminator = Number.isNaN(next) || isBlank(next) || next === 37;
    this.one(terminator ? T.Dot : T.Period);
  }

  illegal(start: number): void {
    const cp = this.text.codePointAt(start)!;
    const len = cp > 0xffff ? 2 : 1;
    if (this.formHasError) {
      this.pos = start + len;
      return;
    }
    const hex = cp.toString(16).toUpperCase().padStart(4, "0");
    const why =
      cp === 0xfeff
        ? "a byte order mark (BOM) is not allowed: Erlang's file:consult rejects the whole file; save it as UTF-8 without BOM"
        : `illegal character U+${hex} '${String.fromCodePoint(cp)}': outside strings, quoted atoms and comments only ASCII and Latin-1 are allowed`;
    this.error("syntax-illegal-character", why, start, start + len);
    this.pos = start + len;
  }
}

const PREFIX: Record<number, string> = { 2: "0b", 8: "0o", 10: "", 16: "0x" };

/**
 * Digits (already validated for `base`) → bigint in O(M(n) log n): native for bases
 * 2/8/10/16, otherwise chunks combined pairwise (a digit-by-digit loop is quadratic: a
 * 30k-digit base-36 literal took 0.4 s, measured).
 */
export function parseBigInt(digits: string, base: number): bigint {
  if (base in PREFIX) return BigInt(PREFIX[base] + digits);
  const per = Math.floor(53 / Math.log2(base)) - 1;
  let parts: bigint[] = [];
  for (let i = 0; i < digits.length; i += per) parts.push(BigInt(parseInt(digits.slice(i, i + per), base)));
  // every part but the last has `per` digits; combine neighbours, doubling the width
  const lastLen = digits.length - per * (parts.length - 1);
  let width = BigInt(base) ** BigInt(per);
  let lastWidth = BigInt(base) ** BigInt(lastLen);
  while (parts.length > 1) {
    const next: bigint[] = [];
    const odd = parts.length % 2 === 1;
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const isLastPair = !odd && i + 2 === parts.length;
      next.push(parts[i] * (isLastPair ? lastWidth : width) + parts[i + 1]);
    }
    if (odd) next.push(parts[parts.length - 1]);
    lastWidth = odd ? lastWidth : width * lastWidth;
    width = width * width;
    parts = next;
  }
  return parts[0];
}

/** The code points of a string token (null value: the plain text between its quotes). */
export function stringTokenCodes(tok: { image: string; value?: unknown }): number[] {
  if (tok.value !== null) return tok.value as number[];
  const out = new Array<number>(tok.image.length - 2);
  for (let i = 1; i < tok.image.length - 1; i++) out[i - 1] = tok.image.charCodeAt(i);
  return out;
}

/** Builds a JS string from code points in chunks (long strings exceed the spread limit). */
export function codesToString(codes: number[]): string {
  let s = "";
  for (let i = 0; i < codes.length; i += 8192) s += String.fromCodePoint(...codes.slice(i, i + 8192));
  return s;
}
