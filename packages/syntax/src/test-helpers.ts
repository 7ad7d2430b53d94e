/** Test helpers: parse one form and show its term as plain Erlang-like data. */
import { parseDocument } from "./parse-document";
import type { Term } from "./term";

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
  if (r.diagnostics.length) throw new Error(`unexpected diagnostics for ${src}: ${r.diagnostics.map((d) => d.id + " " + d.message).join("; ")}`);
  if (r.forms.length !== 1) throw new Error(`expected one form in ${src}, got ${r.forms.length}`);
  return plain(r.forms[0].term);
}

/** The diagnostic ids of a document. */
export function ids(src: string): string[] {
  return parseDocument(src).diagnostics.map((d) => d.id);
}
