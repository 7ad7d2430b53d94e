/**
 * Reading a test file's YAML (or JSON, which YAML 1.2 reads too) with positions: every
 * value keeps where it was written, so a bad value is reported as `file:line:col` and a
 * case's result points at its line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from "yaml";

/** 1-based line and column (UTF-16 code units) in the test file. */
export interface Place {
  line: number;
  column: number;
}

/** A mistake in a test file: shown as `path:line:col: message`, exit 2. */
export class TestFileError extends Error {
  constructor(
    readonly path: string,
    readonly place: Place,
    readonly reason: string,
  ) {
    super(`${path}:${place.line}:${place.column}: ${reason}`);
  }
}

/** A parsed document and how to locate its nodes. */
export class YamlSource {
  private readonly lines = new LineCounter();
  readonly root: Node | null;

  constructor(
    readonly path: string,
    text: string,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const first = doc.errors[0];
    if (first) throw new TestFileError(path, this.placeAt(first.pos[0]), yamlReason(first.message));
    this.root = doc.contents as Node | null;
  }

  /** The place of a character offset. */
  placeAt(offset: number): Place {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /** Where a node starts (the start of the document when it has no range). */
  placeOf(node: Node | null | undefined): Place {
    return this.placeAt(node?.range?.[0] ?? 0);
  }

  /** A {@link TestFileError} at a node. */
  error(node: Node | null | undefined, reason: string): TestFileError {
    return new TestFileError(this.path, this.placeOf(node), reason);
  }

  /** The entries of a mapping, keys as strings; an error naming `what` otherwise. */
  entries(node: Node | null | undefined, what: string): { key: string; keyNode: Node; value: Node | null }[] {
    if (!isMap(node)) throw this.error(node, `${what} must be a mapping (key: value)`);
    return node.items.map((pair: Pair) => {
      const keyNode = pair.key as Node;
      if (!isScalar(keyNode) || typeof keyNode.value !== "string")
        throw this.error(keyNode, `${what}: keys must be plain strings`);
      return { key: keyNode.value, keyNode, value: (pair.value as Node | null) ?? null };
    });
  }

  /** Is the node a mapping? */
  isMapping(node: Node | null | undefined): boolean {
    return isMap(node);
  }

  /** Is the node a sequence? */
  isList(node: Node | null | undefined): boolean {
    return isSeq(node);
  }

  /** The items of a sequence. */
  items(node: Node | null | undefined, what: string): Node[] {
    if (!isSeq(node)) throw this.error(node, `${what} must be a list`);
    return node.items as Node[];
  }

  /** A string scalar (a number or boolean written unquoted is refused: quote it). */
  string(node: Node | null | undefined, what: string): string {
    if (!isScalar(node) || typeof node.value !== "string")
      throw this.error(node, `${what} must be a string${stringHint(node)}`);
    return node.value;
  }

  /** A string, or null for `null` / `~`. */
  nullableString(node: Node | null | undefined, what: string): string | null {
    if (isScalar(node) && node.value === null) return null;
    return this.string(node, what);
  }

  /** An integer within [min, max]. */
  integer(node: Node | null | undefined, what: string, min: number, max: number): number {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      throw this.error(node, `${what} must be an integer from ${min} to ${max}`);
    return v;
  }

  /** `true` or `false`. */
  boolean(node: Node | null | undefined, what: string): boolean {
    const v = isScalar(node) ? node.value : undefined;
    if (typeof v !== "boolean") throw this.error(node, `${what} must be true or false`);
    return v;
  }
}

/** How to write the string a non-string value was probably meant to be. */
function stringHint(node: Node | null | undefined): string {
  if (isScalar(node) && node.value !== null) return ` (write it in quotes: "${String(node.value)}")`;
  // `topic: #` is an empty value and a comment to YAML
  if (node == null || (isScalar(node) && node.value === null))
    return ` (it is empty; quote values that start with # or other YAML signs: "#")`;
  return "";
}

/** yaml's message without the position it appends (we print our own in front). */
function yamlReason(message: string): string {
  return message
    .split("\n")[0]
    .replace(/ at line \d+, column \d+:?$/, "")
    .replace(/:$/, "");
}

/** Refuses keys other than `known` (a typo would otherwise be silently ignored). */
export function refuseUnknownKeys(
  src: YamlSource,
  entries: { key: string; keyNode: Node }[],
  known: readonly string[],
  what: string,
): void {
  for (const e of entries) {
    if (!known.includes(e.key))
      throw src.error(e.keyNode, `${what}: unknown key '${e.key}' (expected one of: ${known.join(", ")})`);
  }
}
