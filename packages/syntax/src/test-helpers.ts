/** Test helpers: parse one form and show its term as plain Erlang-like data. */
import { parseDocument } from "./parse-document";
import type { Term, TopLevelForm } from "./term";
import { termParser } from "./parser";
import { tokenize } from "./lexer";

/** Erlang-ish plain value of a term: atoms `{atom}`, strings as code lists, bigints as numbers. */
export function plain(t: Term | null): unknown {
  if (!t) return null;
  switch (t.kind) {
    case "atom":
      return { atom: t.value };
    case "string":
      return t.codes;
    case "integer":
      return Number(t.value);
    case "float":
      return t.value;
    case "binary":
      return { bin: [...t.bytes].map((c) => c.charCodeAt(0)), ...(t.bits !== undefined ? { bits: t.bits } : {}) };
    case "tuple":
      return { tuple: t.elements.map(plain) };
    case "list":
      return t.tail ? { list: t.elements.map(plain), tail: plain(t.tail) } : t.elements.map(plain);
    case "map":
      return { map: t.entries.map((e) => [plain(e.key), plain(e.value)]) };
  }
}

/** Parses `src` (one form expected) and returns its plain value; fails on diagnostics. */
export function one(src: string): unknown {
  const r = parseDocument(src);
  if (r.diagnostics.length)
    throw new Error(
      `unexpected diagnostics for ${src}: ${r.diagnostics.map((d) => d.id + " " + d.message).join("; ")}`,
    );
  if (r.forms.length !== 1) throw new Error(`expected one form in ${src}, got ${r.forms.length}`);
  return plain(r.forms[0].term);
}

/** The diagnostic ids of a document. */
export function ids(src: string): string[] {
  return parseDocument(src).diagnostics.map((d) => d.id);
}

/**
 * The forms the Chevrotain parser reads from `text` in one pass (parse-document's fast
 * pass without the literal reader), or null when it fails or a form is a bad term.
 */
export function chevrotainForms(text: string): TopLevelForm[] | null {
  const parser = termParser();
  parser.input = tokenize(text).tokens;
  parser.badTerm = null;
  const parsed = parser.document();
  if (parser.errors.length > 0 || parsed.some((f) => f.bad)) return null;
  return parsed.map((f, i) => ({ index: i + 1, start: f.start, end: f.end, term: f.term }));
}
