/**
 * Reading Erlang terms the way the rule compilers do: atoms, char lists (a string IS a
 * list of integers: `""` is `[]`, `[97,47,98]` is `"a/b"`), binaries, and the iolist /
 * chardata shapes that `list_to_binary/1` and `unicode:characters_to_binary/1` accept.
 */
import type { Term } from "@emqx-acl/syntax";
import type { Bytes, Dialect } from "../model/rule";
import { capabilities } from "../model/dialects";
import { codePointsToLatin1, codePointsToUtf8, isAscii, isValidUtf8 } from "../model/bytes";

/** The atom's name, or null when the term is not an atom. */
export function atomOf(term: Term | null | undefined): string | null {
  return term && term.kind === "atom" ? term.value : null;
}

/** A binary (not a bitstring: `<<1:4>>` is not `is_binary/1`). */
export function isBinary(term: Term): term is Term & { kind: "binary"; bytes: string } {
  return term.kind === "binary" && term.bits === undefined;
}

/** True for `[]`, a string literal, or any list (possibly improper). */
export function isList(term: Term): boolean {
  return term.kind === "string" || term.kind === "list";
}

/** Elements of a proper list (a string's characters become integer pseudo-terms), or null. */
export function listElements(term: Term): Term[] | null {
  if (term.kind === "string") {
    return term.codes.map((c) => ({ kind: "integer", value: BigInt(c), char: true, start: term.start, end: term.end }));
  }
  if (term.kind !== "list") return null;
  if (term.tail === null) return term.elements;
  const rest = listElements(term.tail);
  return rest === null ? null : [...term.elements, ...rest];
}

/** Code points when the term is a flat proper list of integers (a "string"), else null. */
export function charList(term: Term): number[] | null {
  if (term.kind === "string") return term.codes;
  const els = listElements(term);
  if (els === null) return null;
  const out: number[] = [];
  for (const e of els) {
    if (e.kind !== "integer") return null;
    out.push(Number(e.value));
  }
  return out;
}

type Piece = number | { bytes: Bytes };

/** Flattens chardata / iolist: integers, binaries and nested lists (also an improper binary tail). */
function pieces(term: Term, out: Piece[]): boolean {
  if (term.kind === "string") {
    out.push(...term.codes);
    return true;
  }
  if (isBinary(term)) {
    out.push({ bytes: term.bytes });
    return true;
  }
  if (term.kind !== "list") return false;
  for (const e of term.elements) {
    if (e.kind === "integer") out.push(Number(e.value));
    else if (!pieces(e, out)) return false;
  }
  if (term.tail === null) return true;
  if (isBinary(term.tail)) {
    out.push({ bytes: term.tail.bytes });
    return true;
  }
  return isList(term.tail) && pieces(term.tail, out);
}

/**
 * A list converted to a binary as the dialect's `bin/1` does: v4 `list_to_binary/1`
 * (iolist, bytes 0..255), v5/v6 `unicode:characters_to_binary/1` (chardata, UTF-8).
 * Null when the conversion raises.
 */
export function listToBytes(term: Term, dialect: Dialect): Bytes | null {
  // fast path: an ASCII string literal is its own byte string in every dialect
  if (term.kind === "string" && isAscii(term.value)) return term.value;
  const ps: Piece[] = [];
  if (!pieces(term, ps)) return null;
  let out = "";
  let run: number[] = [];
  const latin1 = capabilities(dialect).stringEncoding === "latin1";
  const flush = (): boolean => {
    if (run.length === 0) return true;
    const b = latin1 ? codePointsToLatin1(run) : codePointsToUtf8(run);
    run = [];
    if (b === null) return false;
    out += b;
    return true;
  };
  for (const p of ps) {
    if (typeof p === "number") run.push(p);
    else {
      if (!flush()) return null;
      if (!latin1 && !isValidUtf8(p.bytes)) return null;
      out += p.bytes;
    }
  }
  return flush() ? out : null;
}

/** Text of a term for messages (short). */
export function showTerm(text: string | undefined, term: Term): string {
  if (text === undefined) return term.kind;
  const s = text.slice(term.start, term.end).replace(/\s+/g, " ");
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
