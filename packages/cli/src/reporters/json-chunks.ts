import { batch } from "./batch";

/**
 * `JSON.stringify(value, null, 2)`, byte for byte, as a stream of chunks: the report of a
 * 600k-rule file is ~350 MB of JSON, which as one string (plus its copy on the way to
 * stdout) would double the run's peak memory. Arrays of a `MappedArray` are mapped one
 * element at a time while writing, so the report's objects never all exist at once.
 */

/** An array whose elements are `map(source[i])`, built only when serialised. */
export class MappedArray<S, T> {
  constructor(
    readonly source: readonly S[],
    readonly map: (s: S) => T,
  ) {}

  /** What `JSON.stringify` sees: the mapped array. */
  toJSON(): T[] {
    return this.source.map(this.map);
  }
}

/** The chunks of `JSON.stringify(value, null, 2)` (values below `depth` levels are stringified whole). */
export function jsonChunks(value: unknown, depth = 4): Generator<string> {
  return batch(pieces(value, "", 0, depth));
}

function* pieces(v: unknown, indent: string, level: number, depth: number): Generator<string> {
  if (v instanceof MappedArray)
    return yield* arrayPieces(v.source.length, (i) => v.map(v.source[i]), indent, level, depth);
  if (isLeaf(v, level, depth)) return yield leaf(v, indent);
  if (Array.isArray(v)) return yield* arrayPieces(v.length, (i) => v[i], indent, level, depth);
  const entries = Object.entries(v as object).filter(
    ([, x]) => x !== undefined && typeof x !== "function" && typeof x !== "symbol",
  );
  if (!entries.length) return yield "{}";
  const inner = `${indent}  `;
  yield "{\n";
  for (let i = 0; i < entries.length; i++) {
    yield `${inner}${JSON.stringify(entries[i][0])}: `;
    yield* pieces(entries[i][1], inner, level + 1, depth);
    yield i < entries.length - 1 ? ",\n" : "\n";
  }
  yield `${indent}}`;
}

function* arrayPieces(
  n: number,
  at: (i: number) => unknown,
  indent: string,
  level: number,
  depth: number,
): Generator<string> {
  if (!n) return yield "[]";
  const inner = `${indent}  `;
  let run = "[\n";
  for (let i = 0; i < n; i++) {
    let x = at(i);
    // like JSON.stringify: what has no JSON form is null inside an array
    if (x === undefined || typeof x === "function" || typeof x === "symbol") x = null;
    const end = i < n - 1 ? ",\n" : "\n";
    // leaf elements are gathered here, not yielded one by one through every enclosing
    // generator (a large report is mostly leaves: its diagnostics)
    if (isLeaf(x, level + 1, depth)) {
      run += inner + leaf(x, inner) + end;
      if (run.length >= RUN) {
        yield run;
        run = "";
      }
    } else {
      if (run) yield run;
      run = "";
      yield inner;
      yield* pieces(x, inner, level + 1, depth);
      yield end;
    }
  }
  yield `${run}${indent}]`;
}

/** Characters of leaf elements gathered before they are handed on. */
const RUN = 1 << 14;

/** Is v written whole by `JSON.stringify` (below the depth, a primitive, or its own `toJSON`)? */
function isLeaf(v: unknown, level: number, depth: number): boolean {
  if (v instanceof MappedArray) return false; // written element by element
  return (
    level >= depth || v === null || typeof v !== "object" || typeof (v as { toJSON?: unknown }).toJSON === "function"
  );
}

/** A leaf's JSON, its own lines carrying the indentation of where it sits. */
function leaf(v: unknown, indent: string): string {
  const s = JSON.stringify(v, null, 2);
  return s === undefined ? "null" : s.includes("\n") ? s.replaceAll("\n", `\n${indent}`) : s;
}
