/**
 * A readable, indented dump of the term tree (`emqx-acl parse --ast`): one node per line
 * with its kind, value and 1-based `line:col-line:col` span. Meant for humans and for
 * golden tests, not for round-tripping (the printer in `printer/` formats source).
 */
import type { LineIndex } from "./line-index";
import type { Term, TopLevelForm } from "./term";

/** Erlang-style rendering of a byte string or code point list inside quotes. */
function quote(s: string, q: string): string {
  let out = q;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (c === 10) out += "\\n";
    else if (c === 9) out += "\\t";
    else if (c < 32 || c === 127) out += `\\x{${c.toString(16).toUpperCase()}}`;
    else out += ch;
  }
  return out + q;
}

function label(t: Term): string {
  switch (t.kind) {
    case "atom":
      return `atom ${t.quoted ? quote(t.value, "'") : t.value}`;
    case "string":
      return `string ${quote(t.value, '"')}`;
    case "integer":
      return `integer ${t.value}${t.char ? " (char)" : ""}`;
    case "float":
      return `float ${t.value}`;
    case "binary":
      return `binary <<${[...t.bytes].map((c) => c.charCodeAt(0)).join(",")}>>${t.bits !== undefined ? ` (${t.bits} bits)` : ""}`;
    case "tuple":
      return `tuple/${t.elements.length}`;
    case "list":
      return `list/${t.elements.length}${t.tail ? " with tail" : ""}`;
    case "map":
      return `map/${t.entries.length}`;
  }
}

function children(t: Term): Term[] {
  if (t.kind === "tuple") return t.elements;
  if (t.kind === "list") return t.tail ? [...t.elements, t.tail] : t.elements;
  if (t.kind === "map") return t.entries.flatMap((e) => [e.key, e.value]);
  return [];
}

/** `1:1-1:12` for a span. */
export function spanText(index: LineIndex, start: number, end: number): string {
  const a = index.position(start);
  const b = index.position(end);
  return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
}

/** Dumps a term (and its children) as indented lines. */
export function printTerm(t: Term, index: LineIndex, indent = "  ", out: string[] = []): string[] {
  out.push(`${indent}${label(t)} [${spanText(index, t.start, t.end)}]`);
  for (const c of children(t)) printTerm(c, index, indent + "  ", out);
  return out;
}

/** Dumps every form of a document. */
export function printAst(forms: TopLevelForm[], index: LineIndex): string {
  const out: string[] = [];
  for (const f of forms) {
    out.push(`form ${f.index} [${spanText(index, f.start, f.end)}]${f.term ? "" : " (not parsed)"}`);
    if (f.term) printTerm(f.term, index, "  ", out);
  }
  return out.join("\n") + (out.length ? "\n" : "");
}
