/** Structural equality of two terms by value, ignoring spans and spelling. */
import type { Term } from "../term";

/** True when `a` and `b` are the same Erlang term (what `file:consult` would return). */
export function sameTerm(a: Term | null, b: Term | null): boolean {
  if (a === null || b === null) return a === b;
  switch (a.kind) {
    case "atom":
      return b.kind === "atom" && a.value === b.value;
    case "string":
      return b.kind === "string" && a.value === b.value;
    case "integer":
      return b.kind === "integer" && a.value === b.value;
    case "float":
      return b.kind === "float" && Object.is(a.value, b.value);
    case "binary":
      return b.kind === "binary" && a.bytes === b.bytes && a.bits === b.bits;
    case "tuple":
      return b.kind === "tuple" && sameList(a.elements, b.elements);
    case "list":
      return b.kind === "list" && sameList(a.elements, b.elements) && sameTerm(a.tail, b.tail);
    case "map":
      return (
        b.kind === "map" &&
        a.entries.length === b.entries.length &&
        a.entries.every((e, i) => sameTerm(e.key, b.entries[i].key) && sameTerm(e.value, b.entries[i].value))
      );
  }
}

function sameList(a: Term[], b: Term[]): boolean {
  return a.length === b.length && a.every((t, i) => sameTerm(t, b[i]));
}
