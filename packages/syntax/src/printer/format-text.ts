/**
 * `formatText`: parse, print, and check the result before handing it out — the printed
 * text must parse to the same terms and keep every comment, or it is refused.
 */
import { parseDocument, scanForms } from "../parse-document";
import type { ParseResult } from "../parse-document";
import type { Comment } from "../term";
import { commentText } from "./comments";
import { printDocument, type FormatOptions, type FormatResult } from "./format-document";
import { sameTerm } from "./same-term";

/** True when both parses hold the same terms and the same comments, in order. */
export function sameDocument(a: ParseResult, b: ParseResult): boolean {
  return (
    a.forms.length === b.forms.length &&
    a.forms.every((f, i) => sameTerm(f.term, b.forms[i].term)) &&
    sameComments(a.comments, b.comments)
  );
}

function sameComments(a: readonly Comment[], b: readonly Comment[]): boolean {
  return a.length === b.length && a.every((c, i) => commentText(c) === commentText(b[i]));
}

/** Formats `text` (or its parse, if already at hand), verified by re-parsing. */
export function formatText(text: string, options: FormatOptions = {}, parsed?: ParseResult): FormatResult {
  const before = parsed ?? parseDocument(text);
  const r = printDocument(before, options);
  if (!r.ok || !r.changed) return r;
  if (!reparsesTheSame(r.text, before)) {
    return {
      ok: false,
      message: "not formatted: the printer would change the file's terms or comments (a bug, please report)",
      diagnostics: [],
    };
  }
  return r;
}

/**
 * Does `text` parse, without syntax errors, to the terms and comments of `before`? Read as
 * a stream, batch by batch: a second full tree of a huge file (as much memory again as the
 * first) is never built.
 */
export function reparsesTheSame(text: string, before: ParseResult): boolean {
  let i = 0;
  let same = true;
  const scanner = scanForms(text, ({ forms, errors }) => {
    if (!same) return;
    if (errors.some((e) => e.id.startsWith("syntax-"))) same = false;
    for (const f of forms) {
      if (i >= before.forms.length || !sameTerm(before.forms[i].term, f.term)) same = false;
      i++;
    }
  });
  return same && i === before.forms.length && sameComments(scanner.comments, before.comments);
}
