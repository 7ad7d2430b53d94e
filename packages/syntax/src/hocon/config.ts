/**
 * The resolved configuration: includes read, objects merged, `+=` applied, substitutions
 * replaced. Every value remembers the file and offsets it was written at, so a finding
 * about `rpc.driver` can point at that exact text even when it came from an include.
 */
import type { Diagnostic } from "../diagnostic";
import type { LineIndex } from "../line-index";

/** Where a value (or key) was written: file path and UTF-16 offsets in that file. */
export interface ConfigLoc {
  file: string;
  start: number;
  end: number;
}

export interface ConfigField {
  key: string;
  /** The key as written (for `a.b.c = 1`, the `c` of the last assignment). */
  keyLoc: ConfigLoc;
  value: ConfigValue;
}

export interface ConfigObject {
  kind: "object";
  fields: Map<string, ConfigField>;
  loc: ConfigLoc;
}

export interface ConfigArray {
  kind: "array";
  items: ConfigValue[];
  loc: ConfigLoc;
}

/** Strings, numbers, booleans, durations and sizes alike: EMQX's schema types the text. */
export interface ConfigScalar {
  kind: "scalar";
  value: string;
  quoted: boolean;
  loc: ConfigLoc;
}

export type ConfigValue = ConfigObject | ConfigArray | ConfigScalar;

/** A diagnostic in a named file (the config or one it includes). */
export interface FileDiagnostic {
  file: string;
  diagnostic: Diagnostic;
}

/** One file read while loading, with the index needed to turn offsets into ranges. */
export interface ConfigSource {
  file: string;
  text: string;
  lines: LineIndex;
}

/**
 * What a loader's `readFile` returns: the text, null when there is no such file, or a
 * refusal (the caller would not read it: not a regular file, too large) with its reason.
 */
export type IncludeRead = string | null | { refused: string };

/** Looks up a dotted path (`rpc.driver`) in an object. */
export function configGet(root: ConfigObject, path: string | string[]): ConfigValue | undefined {
  const keys = Array.isArray(path) ? path : path.split(".");
  let cur: ConfigValue | undefined = root;
  for (const k of keys) {
    if (!cur || cur.kind !== "object") return undefined;
    cur = cur.fields.get(k)?.value;
  }
  return cur;
}

/** The field (key + value) at a dotted path. */
export function configField(root: ConfigObject, path: string | string[]): ConfigField | undefined {
  const keys = Array.isArray(path) ? path : path.split(".");
  const parent = keys.length > 1 ? configGet(root, keys.slice(0, -1)) : root;
  return parent?.kind === "object" ? parent.fields.get(keys[keys.length - 1]) : undefined;
}
