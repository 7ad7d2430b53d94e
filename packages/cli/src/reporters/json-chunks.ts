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

/** Chunks are flushed at about this many characters. */
const CHUNK = 1 << 16;

/** The chunks of `JSON.stringify(value, null, 2)` (values below `depth` levels are stringified whole). */
export function* jsonChunks(value: unknown, depth = 4): Generator<string> {
  let buf = "";
  function* emit(s: string): Generator<string> {
    buf += s;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = "";
    }
  }
  function* write(v: unknown, indent: string, level: number): Generator<string> {
    if (v instanceof MappedArray) return yield* writeArray(v.source.length, (i) => v.map(v.source[i]), indent, level);
    if (level >= depth || v === null || typeof v !== "object" || typeof (v as { toJSON?: unknown }).toJSON === "function") {
      const s = JSON.stringify(v, null, 2);
      // a nested value's own lines carry the indentation of where it sits
      return yield* emit(s === undefined ? "null" : s.includes("\n") ? s.replace(/\n/g, `\n${indent}`) : s);
    }
    if (Array.isArray(v)) return yield* writeArray(v.length, (i) => v[i], indent, level);
    const entries = Object.entries(v).filter(([, x]) => x !== undefined && typeof x !== "function" && typeof x !== "symbol");
    if (!entries.length) return yield* emit("{}");
    const inner = `${indent}  `;
    yield* emit("{\n");
    for (let i = 0; i < entries.length; i++) {
      yield* emit(`${inner}${JSON.stringify(entries[i][0])}: `);
      yield* write(entries[i][1], inner, level + 1);
      yield* emit(i < entries.length - 1 ? ",\n" : "\n");
    }
    yield* emit(`${indent}}`);
  }
  function* writeArray(n: number, at: (i: number) => unknown, indent: string, level: number): Generator<string> {
    if (!n) return yield* emit("[]");
    const inner = `${indent}  `;
    yield* emit("[\n");
    for (let i = 0; i < n; i++) {
      const x = at(i);
      yield* emit(inner);
      // like JSON.stringify: what has no JSON form is null inside an array
      yield* write(x === undefined || typeof x === "function" || typeof x === "symbol" ? null : x, inner, level + 1);
      yield* emit(i < n - 1 ? ",\n" : "\n");
    }
    yield* emit(`${indent}]`);
  }
  yield* write(value, "", 0);
  if (buf) yield buf;
}
