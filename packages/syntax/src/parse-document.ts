/**
 * `parseDocument`: text → forms (term trees with spans), comments and syntax diagnostics.
 *
 * Two passes, because speed and recovery pull in opposite directions: a fast pass parses
 * the whole token stream with recovery off; only when it fails (or the scanner reported
 * an error) a second pass splits the tokens at every terminating dot and parses each form
 * on its own, so one broken form yields one diagnostic and all others keep their tree.
 * Forms are exactly what `file:consult` reads: the tokens up to a terminating dot.
 */
import type { IToken } from "chevrotain";
import type { Comment, Term, TopLevelForm } from "./term";
import type { Diagnostic } from "./diagnostic";
import { LineIndex } from "./line-index";
import { Scanner, type LexError } from "./lexer";
import type { BadTerm } from "./parser";
import { termParser } from "#chevrotain-parser";
import { readLiteralForms } from "./literal-forms";
import { classify, type FormError } from "./errors";
import * as T from "./tokens";

export interface ParseResult {
  text: string;
  forms: TopLevelForm[];
  comments: Comment[];
  diagnostics: Diagnostic[];
  lineIndex: LineIndex;
}

/** Forms are parsed in batches of about this many tokens (whole forms). */
const BATCH_TOKENS = 4096;

/** Parses an acl.conf document. Never throws; linear in the size of the text. */
export function parseDocument(text: string): ParseResult {
  return parseDocumentState(text, false).result;
}

/**
 * A parse plus what re-parsing after an edit needs (`incremental.ts`): the errors with
 * offsets, and the "cuts" — the offset just after each terminating dot. After a cut the
 * scanner starts afresh, so the text between two cuts (plus the one character after the
 * second, which decides whether a `.` terminates) determines that chunk's forms entirely.
 */
export interface ParseState {
  result: ParseResult;
  errors: Located[];
  cuts: number[];
  /** `chunkForms[k]`: forms in chunks 0..k; one entry more than `cuts` (the text after the last cut). */
  chunkForms: number[];
  /** The scanner's `openQuotes`: unclosed quotes, whose chunks depend on all the text after them. */
  openQuotes: number[];
}

export function parseDocumentState(text: string, withCuts = true): ParseState {
  const forms: TopLevelForm[] = [];
  const errors: Located[] = [];
  const cuts: number[] = [];
  const scanner = scanForms(text, (batch, tokens) => {
    for (const f of batch.forms) forms.push(f);
    for (const e of batch.errors) errors.push(e);
    if (withCuts) for (const t of tokens) if (t.tokenType === T.Dot) cuts.push(t.endOffset! + 1);
  });
  const lineIndex = new LineIndex(text);
  const result = { text, forms, comments: scanner.comments, diagnostics: toDiagnostics(errors, lineIndex), lineIndex };
  return {
    result,
    errors,
    cuts,
    chunkForms: withCuts ? chunkForms(forms, cuts, 0, 0) : [],
    openQuotes: scanner.openQuotes,
  };
}

/**
 * The parse as a stream: `visit` sees each batch of whole forms (numbered from 1 across
 * batches) with its errors and tokens, and nothing is kept between batches; the scanner,
 * returned at the end, holds the comments. For readers that need one pass over the forms
 * of a huge file without holding them all (the formatter's check of its own output).
 */
export function scanForms(
  text: string,
  visit: (batch: { forms: TopLevelForm[]; errors: Located[] }, tokens: IToken[]) => void,
): Scanner {
  const scanner = new Scanner(text);
  scanner.reuse = true;
  let lexSeen = 0;
  let regionStart = 0;
  let formCount = 0;
  while (!scanner.done) {
    scanner.scan(BATCH_TOKENS);
    const tokens = scanner.take();
    const lexErrors = scanner.errors.slice(lexSeen);
    lexSeen = scanner.errors.length;
    const batch = parseTokens(text, tokens, lexErrors, formCount, regionStart);
    formCount += batch.forms.length;
    visit(batch, tokens);
    if (tokens.length) regionStart = tokens[tokens.length - 1].endOffset! + 1;
  }
  return scanner;
}

/** Forms of a token run made of whole chunks: one parser call, form by form only when that fails. */
export function parseTokens(
  text: string,
  tokens: IToken[],
  lexErrors: LexError[],
  before: number,
  regionStart: number,
): { forms: TopLevelForm[]; errors: Located[] } {
  const fast = lexErrors.length === 0 && deepAt(tokens) < 0 ? fastPass(tokens, before) : null;
  return fast ?? withoutStackTraces(() => slowPass(text, tokens, lexErrors, before, regionStart));
}

/**
 * Cumulative form counts per chunk: `forms` (starting at `from`) split at `cuts`, the
 * counts starting at `base`; one entry per cut and one for the text after the last.
 */
export function chunkForms(
  forms: readonly TopLevelForm[],
  cuts: readonly number[],
  from: number,
  base: number,
): number[] {
  const out: number[] = new Array(cuts.length + 1);
  let f = from;
  for (let k = 0; k < cuts.length; k++) {
    while (f < forms.length && forms[f].end <= cuts[k]) f++;
    out[k] = base + f - from;
  }
  out[cuts.length] = base + forms.length - from;
  return out;
}

export function toDiagnostics(errors: readonly Located[], lineIndex: LineIndex): Diagnostic[] {
  return errors.map((e) => ({
    id: e.id,
    severity: "error" as const,
    message: e.message,
    range: lineIndex.range(e.start, e.end),
    term: e.term,
  }));
}

/** A syntax error with offsets (and the index of its form, null after the last one). */
export type Located = (FormError | LexError) & { term: number | null };

function badToError(bad: BadTerm, term: number): Located {
  return { id: "syntax-bad-term", message: bad.message, start: bad.start, end: bad.end, term };
}

/**
 * Nesting deeper than this is refused: the recursive-descent parser (and every tree walk
 * after it) would overflow the stack near 500 levels; real rules nest 5 or 6 deep.
 */
export const MAX_DEPTH = 200;

/** Index of the token where nesting exceeds {@link MAX_DEPTH}, or -1. */
function deepAt(tokens: IToken[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const ty = tokens[i].tokenType;
    if (ty === T.LCurly || ty === T.LBracket || ty === T.LBin || ty === T.LParen) {
      if (++depth > MAX_DEPTH) return i;
    } else if (ty === T.RCurly || ty === T.RBracket || ty === T.RBin || ty === T.RParen) depth--;
  }
  return -1;
}

/**
 * Chevrotain reports each syntax error as an Error subclass; capturing its stack trace was
 * 40% of the time on files full of broken forms (measured), and we never show it.
 */
function withoutStackTraces<R>(run: () => R): R {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Runs a parser rule; a stack overflow (never expected after the depth check) becomes null. */
function guarded<R>(run: () => R): R | null {
  try {
    return run();
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/** A batch of whole forms in one parser call; null when any form fails to parse. */
function fastPass(tokens: IToken[], before: number): { forms: TopLevelForm[]; errors: Located[] } | null {
  const literal = readLiteralForms(tokens, before);
  if (literal !== null) return { forms: literal, errors: [] };
  const parser = termParser();
  parser.input = tokens;
  parser.badTerm = null;
  const parsed = guarded(() => parser.document());
  if (parser.errors.length > 0 || !parsed) return null;
  const forms: TopLevelForm[] = new Array(parsed.length);
  const errors: Located[] = [];
  for (let i = 0; i < parsed.length; i++) {
    const f = parsed[i];
    const index = before + i + 1;
    forms[i] = { index, start: f.start, end: f.end, term: f.bad ? null : f.term };
    if (f.bad) errors.push(badToError(f.bad, index));
  }
  return { forms, errors };
}

/** Form by form: each slice of tokens up to a terminating dot is parsed on its own. */
function slowPass(
  text: string,
  tokens: IToken[],
  lexErrors: LexError[],
  before: number,
  regionStart: number,
): { forms: TopLevelForm[]; errors: Located[] } {
  const forms: TopLevelForm[] = [];
  const errors: Located[] = [];
  let from = 0;
  let lexAt = 0;
  while (from < tokens.length) {
    let to = from;
    while (to < tokens.length && tokens[to].tokenType !== T.Dot) to++;
    const slice = tokens.slice(from, Math.min(to + 1, tokens.length));
    const index = before + forms.length + 1;
    const regionEnd = to < tokens.length ? tokens[to].endOffset! + 1 : text.length;
    // scanner errors inside this form's region take precedence: one diagnostic per form
    let lexError: LexError | null = null;
    while (lexAt < lexErrors.length && lexErrors[lexAt].start < regionEnd) {
      lexError ??= lexErrors[lexAt];
      lexAt++;
    }
    const { term, error } = parseForm(slice, to < tokens.length, regionStart);
    // a missing dot between two terms: the next term starts a new form, so it keeps its tree
    const split = !lexError && error?.splitAt ? error.splitAt : 0;
    const end = slice[(split || slice.length) - 1].endOffset! + 1;
    forms.push({ index, start: slice[0].startOffset, end, term: lexError || error ? null : term });
    if (lexError) errors.push({ ...lexError, term: index });
    else if (error)
      errors.push({ id: error.id, message: error.message, start: error.start, end: error.end, term: index });
    if (split) {
      from += split;
      regionStart = end;
      continue;
    }
    from = to + 1;
    regionStart = regionEnd;
  }
  // scanner errors after the last token (e.g. an unterminated string at the very end)
  if (lexAt < lexErrors.length) errors.push({ ...lexErrors[lexAt], term: null });
  return { forms, errors };
}
function parseForm(
  slice: IToken[],
  hasDot: boolean,
  regionStart: number,
): { term: Term | null; error: FormError | null } {
  const deep = deepAt(slice);
  if (deep >= 0) {
    const tok = slice[deep];
    const message = `terms nested more than ${MAX_DEPTH} levels deep are not supported`;
    return { term: null, error: { id: "syntax-too-deep", message, start: tok.startOffset, end: tok.endOffset! + 1 } };
  }
  const parser = termParser();
  parser.input = slice;
  parser.badTerm = null;
  const term = guarded(() => (hasDot ? parser.form() : parser.term()));
  if (term === null && parser.errors.length === 0) {
    const message = "this term is too complex to parse";
    return {
      term: null,
      error: { id: "syntax-too-deep", message, start: slice[0].startOffset, end: slice[0].endOffset! + 1 },
    };
  }
  if (parser.errors.length > 0) return { term: null, error: classify(slice, parser.errors[0], regionStart) };
  const bad = parser.badTerm as BadTerm | null; // set by the rule actions above
  if (bad) return { term: null, error: { id: "syntax-bad-term", ...bad } };
  if (!hasDot) {
    const last = slice[slice.length - 1];
    const end = last.endOffset! + 1;
    return {
      term,
      error: {
        id: "syntax-missing-dot",
        message:
          "missing '.' after the last term; every rule ends with a dot followed by whitespace, a % comment or the end of the file",
        start: last.startOffset,
        end,
      },
    };
  }
  return { term, error: null };
}
