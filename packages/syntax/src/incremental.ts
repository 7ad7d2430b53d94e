/**
 * Re-parsing after an edit in time proportional to the edit, not the file: an editor
 * re-parses a 10k-rule document on every keystroke.
 *
 * The text is a sequence of chunks ending at terminating dots ("cuts", see `ParseState`).
 * Chunks that end before the first changed character are kept as they are; scanning
 * restarts at the cut before the change and stops at the first cut past the change that
 * was also a cut before it (in the unchanged tail): from there on the old chunks are valid
 * again, moved by the length difference. The result equals `parseDocument(text)`.
 *
 * Carried-over forms, comments and errors are moved in place (copying the trees after a
 * keystroke in a 100k-rule file was mostly garbage-collector work): a result is valid
 * until the next `parse` call of the same parser.
 */
import { lowerBound } from "./lower-bound";
import type { IToken } from "chevrotain";
import { LineIndex } from "./line-index";
import { Scanner } from "./lexer";
import {
  chunkForms,
  parseDocumentState,
  parseTokens,
  toDiagnostics,
  type Located,
  type ParseResult,
  type ParseState,
} from "./parse-document";
import type { Comment, Term, TopLevelForm } from "./term";
import { detach, detachComments, detachTerm } from "./detach";
import * as T from "./tokens";

/**
 * How the forms of a re-parse relate to those of the previous one, like an array splice:
 * forms `[0, keep)` are the previous objects; previous forms `[keep, keep + removed)` were
 * replaced by the new forms `[keep, keep + inserted)`; the rest are the previous forms
 * moved by `delta` offsets and renumbered by `inserted - removed`.
 */
export interface FormSplice {
  keep: number;
  removed: number;
  inserted: number;
  delta: number;
}

export interface Reparse {
  result: ParseResult;
  /** null when everything was parsed anew (the first parse). */
  splice: FormSplice | null;
}

export class IncrementalParser {
  private state: ParseState | null = null;

  /** Parses `text`, reusing what it can of the previous call's result. */
  parse(text: string): Reparse {
    const prev = this.state;
    if (prev && prev.result.text === text)
      return { result: prev.result, splice: { keep: prev.result.forms.length, removed: 0, inserted: 0, delta: 0 } };
    if (!prev) {
      this.state = parseDocumentState(text);
      return { result: this.state.result, splice: null };
    }
    const { state, splice } = reparse(prev, text);
    this.state = state;
    return { result: state.result, splice };
  }

  /** Forgets the previous text (the next parse is a full one). */
  reset(): void {
    this.state = null;
  }
}

function reparse(prev: ParseState, text: string): { state: ParseState; splice: FormSplice } {
  const old = prev.result.text;
  const p = commonPrefix(old, text);
  const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
  const delta = text.length - old.length;
  const tailStart = text.length - s; // first character of the unchanged tail, in the new text
  const { cuts } = prev;

  // the first chunk whose text (or the character after its dot) changed; an unterminated
  // string is the exception: whether a quote is closed depends on all the text after it
  let first = lowerBound(cuts, p);
  if (prev.openQuotes.length && prev.openQuotes[0] < p)
    first = Math.min(first, lowerBound(cuts, prev.openQuotes[0] + 1));
  const from = first > 0 ? cuts[first - 1] : 0;
  const keep = first > 0 ? prev.chunkForms[first - 1] : 0;

  // rescan chunk by chunk until a cut in the unchanged tail that was a cut before
  const scanner = new Scanner(text);
  scanner.pos = from;
  const newCuts: number[] = [];
  let resync = -1; // index in `cuts` of the old cut the scan met again
  while (!scanner.done) {
    scanner.scan(scanner.tokens.length + 1);
    const last = scanner.tokens[scanner.tokens.length - 1] as IToken | undefined;
    if (!last || last.tokenType !== T.Dot || last.endOffset! + 1 !== scanner.pos) break; // the end of the text
    const cut = scanner.pos;
    newCuts.push(cut);
    if (cut >= tailStart) {
      const k = lowerBound(cuts, cut - delta);
      if (k < cuts.length && cuts[k] === cut - delta) {
        resync = k;
        break;
      }
    }
  }
  const batch = parseTokens(text, scanner.tokens, scanner.errors, keep, from);
  // what the re-read chunks keep must not hold this version's whole text once it is old
  for (const f of batch.forms) if (f.term) detachTerm(f.term);
  for (const e of batch.errors) e.message = detach(e.message);
  detachComments(scanner.comments);
  const inserted = batch.forms.length;

  const oldForms = prev.result.forms;
  const oldEnd = resync >= 0 ? cuts[resync] : old.length + 1;
  const resumeForm = resync >= 0 ? prev.chunkForms[resync] : oldForms.length;
  const removed = resumeForm - keep;
  const renumber = inserted - removed;

  const forms: TopLevelForm[] = oldForms.slice(0, keep);
  for (const f of batch.forms) forms.push(f);
  for (let i = resumeForm; i < oldForms.length; i++) forms.push(moveForm(oldForms[i], delta, renumber));

  const comments: Comment[] = [];
  for (const c of prev.result.comments) {
    if (c.start < from) comments.push(c);
    else break;
  }
  for (const c of scanner.comments) comments.push(c);
  if (resync >= 0) {
    for (const c of prev.result.comments) {
      if (c.start < oldEnd) continue;
      c.start += delta;
      c.end += delta;
      comments.push(c);
    }
  }

  const errors: Located[] = [];
  for (const e of prev.errors) if (e.term !== null && e.term <= keep) errors.push(e);
  for (const e of batch.errors) errors.push(e);
  if (resync >= 0) {
    for (const e of prev.errors) {
      const after = e.term === null ? e.start >= oldEnd : e.term > resumeForm;
      if (!after) continue;
      e.start += delta;
      e.end += delta;
      if (e.term !== null) e.term += renumber;
      errors.push(e);
    }
  }

  const allCuts = cuts.slice(0, first);
  for (const c of newCuts) allCuts.push(c);
  const counts = prev.chunkForms.slice(0, first);
  for (const n of chunkForms(batch.forms, newCuts, 0, keep).slice(0, newCuts.length)) counts.push(n);
  if (resync >= 0) {
    for (let k = resync + 1; k < cuts.length; k++) allCuts.push(cuts[k] + delta);
    for (let k = resync + 1; k <= cuts.length; k++) counts.push(prev.chunkForms[k] + renumber);
  } else counts.push(keep + inserted); // the text after the last cut was part of the rescan

  const openQuotes = prev.openQuotes.filter((q) => q < from);
  for (const q of scanner.openQuotes) openQuotes.push(q);
  if (resync >= 0) for (const q of prev.openQuotes) if (q >= oldEnd) openQuotes.push(q + delta);

  const lineIndex = LineIndex.afterEdit(prev.result.lineIndex, text, p, s);
  const result: ParseResult = { text, forms, comments, diagnostics: toDiagnostics(errors, lineIndex), lineIndex };
  return {
    state: { result, errors, cuts: allCuts, chunkForms: counts, openQuotes },
    splice: { keep, removed, inserted, delta },
  };
}

/** Block size for comparing texts: slices share the string's memory, `===` compares them natively. */
const BLOCK = 2048;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  while (
    i + BLOCK <= max &&
    a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)
  )
    i += BLOCK;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Moves a carried-over form in place: `delta` offsets further, numbered `renumber` further. */
function moveForm(f: TopLevelForm, delta: number, renumber: number): TopLevelForm {
  f.index += renumber;
  if (delta === 0) return f;
  f.start += delta;
  f.end += delta;
  if (f.term) shiftTerm(f.term, delta);
  return f;
}

/** Moves every span of a term tree by `d`, in place. */
export function shiftTerm(t: Term, d: number): void {
  t.start += d;
  t.end += d;
  switch (t.kind) {
    case "tuple":
      for (const e of t.elements) shiftTerm(e, d);
      return;
    case "list":
      for (const e of t.elements) shiftTerm(e, d);
      if (t.tail) shiftTerm(t.tail, d);
      return;
    case "map":
      for (const e of t.entries) {
        shiftTerm(e.key, d);
        shiftTerm(e.value, d);
      }
      return;
  }
}
