/**
 * HOCON loading: parse a file, read its includes, merge objects, apply `+=`, and resolve
 * `${path}` / `${?path}` substitutions against the merged tree and then the environment
 * (EMQX relies on the latter for `${EMQX_ETC_DIR}` style values). Problems are
 * file-scoped diagnostics; nothing here throws on bad input.
 */
import type { Diagnostic } from "../diagnostic";
import { LineIndex } from "../line-index";
import type { HoconNode, HoconObjectNode } from "./ast";
import type {
  ConfigLoc,
  ConfigObject,
  ConfigScalar,
  ConfigSource,
  ConfigValue,
  FileDiagnostic,
  IncludeRead,
} from "./config";
import { IncludeStack } from "./include-stack";
import { MAX_CONFIG_DEPTH, MAX_RESOLVED_CHARS, MAX_RESOLVED_VALUES } from "./limits";
import { parseHocon } from "./parse";

export interface HoconLoadOptions {
  /** Reads an included file; null when it does not exist. Without it includes are skipped. */
  readFile?: (path: string) => IncludeRead;
  /** Resolves an include name against the including file's path. */
  resolveInclude?: (name: string, fromFile: string) => string;
  /** A file's identity for include cycles (the CLI passes realpath); default: the path. */
  realpath?: (path: string) => string;
  /** Environment used for substitutions not found in the configuration. */
  env?: Record<string, string | undefined>;
}

export interface HoconConfig {
  /** The merged, resolved root object (empty when the main file does not parse). */
  root: ConfigObject;
  diagnostics: FileDiagnostic[];
  /** Every file read, the main one first. */
  sources: ConfigSource[];
}

type Raw =
  | { kind: "object"; fields: Map<string, RawField>; loc: ConfigLoc }
  | { kind: "array"; items: Raw[]; loc: ConfigLoc }
  | { kind: "scalar"; value: string; quoted: boolean; loc: ConfigLoc }
  | { kind: "subst"; path: string; optional: boolean; loc: ConfigLoc }
  | { kind: "concat"; parts: Raw[]; gaps: string[]; loc: ConfigLoc };
type RawObject = Extract<Raw, { kind: "object" }>;
interface RawField {
  key: string;
  keyLoc: ConfigLoc;
  value: Raw;
}

function dirnameOf(file: string): string {
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return i < 0 ? "." : file.slice(0, i) || "/";
}

function defaultResolve(name: string, fromFile: string): string {
  return name.startsWith("/") ? name : `${dirnameOf(fromFile)}/${name}`;
}

class Loader {
  readonly diagnostics: FileDiagnostic[] = [];
  readonly sources: ConfigSource[] = [];
  private readonly stack: IncludeStack;

  constructor(private readonly options: HoconLoadOptions) {
    this.stack = new IncludeStack(options.realpath);
  }

  report(file: string, start: number, end: number, id: string, message: string): void {
    const lines = this.sources.find((s) => s.file === file)?.lines ?? new LineIndex("");
    const diagnostic: Diagnostic = { id, severity: "error", message, range: lines.range(start, end), term: null };
    this.diagnostics.push({ file, diagnostic });
  }

  /** Parses a file's text and merges its fields into `into` (`depth` levels below the root). */
  loadText(text: string, file: string, into: RawObject, depth = 0): void {
    const parsed = parseHocon(text);
    this.sources.push({ file, text, lines: parsed.lines });
    for (const d of parsed.diagnostics) this.diagnostics.push({ file, diagnostic: d });
    if (!parsed.ast) return;
    this.stack.push(file);
    this.mergeBody(parsed.ast, file, text, into, [], depth);
    this.stack.pop();
  }

  private mergeBody(
    node: HoconObjectNode,
    file: string,
    text: string,
    into: RawObject,
    prefix: string[],
    depth: number,
  ): void {
    for (const item of node.items) {
      if (item.kind === "include") {
        this.include(item.file, item.required, file, item.fileSpan, into, depth);
        continue;
      }
      const keys = item.path.map((s) => s.name);
      const last = item.path[item.path.length - 1];
      const keyLoc = { file, start: last.start, end: last.end };
      if (depth + keys.length > MAX_CONFIG_DEPTH) {
        // every segment is a level of nesting; the merge and the audit walk them
        const message = `this key path nests ${depth + keys.length} levels deep, more than ${MAX_CONFIG_DEPTH}; it was not read`;
        this.report(file, item.path[0].start, last.end, "hocon-too-deep", message);
        continue;
      }
      this.set(into, keys, this.build(item.value, file, text, depth + keys.length), item.op, keyLoc, prefix);
    }
  }

  private include(
    name: string,
    required: boolean,
    file: string,
    span: { start: number; end: number },
    into: RawObject,
    depth: number,
  ): void {
    const { readFile } = this.options;
    if (!readFile) return;
    const path = (this.options.resolveInclude ?? defaultResolve)(name, file);
    const problem = this.stack.problem(path);
    if (problem) {
      this.report(
        file,
        span.start,
        span.end,
        problem.kind === "cycle" ? "hocon-include-cycle" : "hocon-include-too-deep",
        problem.message,
      );
      return;
    }
    const text = readFile(path);
    if (text === null) {
      if (required)
        this.report(file, span.start, span.end, "hocon-include-missing", `required include not found: ${path}`);
      return;
    }
    if (typeof text !== "string") {
      this.report(
        file,
        span.start,
        span.end,
        "hocon-include-refused",
        `not reading the include ${path}: ${text.refused}`,
      );
      return;
    }
    this.loadText(text, path, into, depth);
  }

  private build(node: HoconNode, file: string, text: string, depth: number): Raw {
    const loc = { file, start: node.start, end: node.end };
    switch (node.kind) {
      case "string":
        return { kind: "scalar", value: node.value, quoted: node.quoted !== "none", loc };
      case "substitution":
        return { kind: "subst", path: node.path, optional: node.optional, loc };
      case "array":
        return { kind: "array", items: node.items.map((n) => this.build(n, file, text, depth + 1)), loc };
      case "object": {
        const obj: RawObject = { kind: "object", fields: new Map(), loc };
        this.mergeBody(node, file, text, obj, [], depth);
        return obj;
      }
      case "concat": {
        const gaps = node.parts.map((p, i) => (i === 0 ? "" : text.slice(node.parts[i - 1].end, p.start)));
        return { kind: "concat", parts: node.parts.map((n) => this.build(n, file, text, depth)), gaps, loc };
      }
    }
  }

  private set(
    root: RawObject,
    keys: string[],
    value: Raw,
    op: "set" | "append",
    keyLoc: ConfigLoc,
    prefix: string[],
  ): void {
    // a loop, not recursion, down the dotted path (`a.b.c = 1` creates `a` and `b`)
    let obj = root;
    for (const k of keys.slice(0, -1)) {
      let child = obj.fields.get(k)?.value;
      if (!child || child.kind !== "object") {
        child = { kind: "object", fields: new Map(), loc: { ...keyLoc } };
        obj.fields.set(k, { key: k, keyLoc, value: child });
      }
      obj = child;
    }
    const key = keys[keys.length - 1];
    const existing = obj.fields.get(key);
    const selfPath = [...prefix, ...keys].join(".");
    let v = replaceSelf(value, selfPath, existing?.value);
    if (op === "append") {
      const arr: Raw = { kind: "array", items: [v], loc: v.loc };
      v = existing ? { kind: "concat", parts: [existing.value, arr], gaps: ["", ""], loc: v.loc } : arr;
    }
    if (existing && existing.value.kind === "object" && v.kind === "object") {
      mergeRaw(existing.value, v);
      obj.fields.set(key, { key, keyLoc, value: existing.value });
    } else obj.fields.set(key, { key, keyLoc, value: v });
  }
}

/** `a = ${a} [1]` and `a += …` refer to the previous value of `a`, not to themselves. */
function replaceSelf(value: Raw, path: string, previous: Raw | undefined): Raw {
  if (value.kind === "subst" && value.path === path) {
    return previous ?? { kind: "concat", parts: [], gaps: [], loc: value.loc };
  }
  if (value.kind === "concat") {
    return { ...value, parts: value.parts.map((p) => replaceSelf(p, path, previous)) };
  }
  return value;
}

function mergeRaw(into: RawObject, from: RawObject): void {
  for (const [k, f] of from.fields) {
    const old = into.fields.get(k);
    if (old && old.value.kind === "object" && f.value.kind === "object") mergeRaw(old.value, f.value);
    else into.fields.set(k, f);
  }
}

/** Loads a HOCON file: parse, includes, merge, substitutions. */
export function loadHocon(text: string, file: string, options: HoconLoadOptions = {}): HoconConfig {
  const loader = new Loader(options);
  const raw: RawObject = { kind: "object", fields: new Map(), loc: { file, start: 0, end: text.length } };
  loader.loadText(text, file, raw);
  const resolver = new Resolver(raw, options.env ?? {}, (loc, id, msg) =>
    loader.report(loc.file, loc.start, loc.end, id, msg),
  );
  const root = resolver.object(raw);
  return { root, diagnostics: loader.diagnostics, sources: loader.sources };
}

type Reporter = (loc: ConfigLoc, id: string, message: string) => void;

/**
 * Substitutions replaced, depth first. Every resolved value costs one step of a budget and
 * every concatenated character counts too, so a substitution bomb stops with one error
 * instead of growing exponentially; depth (nesting plus substitution hops) is bounded so a
 * long `${a1}` → `${a2}` → … chain cannot overflow the stack.
 */
class Resolver {
  private readonly resolving = new Set<string>();
  private steps = 0;
  private chars = 0;
  private stopped = false;
  private deepReported = false;

  constructor(
    private readonly root: RawObject,
    private readonly env: Record<string, string | undefined>,
    private readonly report: Reporter,
  ) {}

  object(raw: RawObject, depth = 0): ConfigObject {
    const fields = new Map();
    for (const [k, f] of raw.fields) {
      const v = this.value(f.value, depth + 1);
      if (v) fields.set(k, { key: f.key, keyLoc: f.keyLoc, value: v });
    }
    return { kind: "object", fields, loc: raw.loc };
  }

  value(raw: Raw, depth: number): ConfigValue | undefined {
    if (this.stopped || !this.withinBounds(raw.loc, depth)) return undefined;
    switch (raw.kind) {
      case "scalar":
        return { kind: "scalar", value: raw.value, quoted: raw.quoted, loc: raw.loc };
      case "object":
        return this.object(raw, depth);
      case "array": {
        const items = raw.items.map((r) => this.value(r, depth + 1));
        return { kind: "array", items: items.filter((x): x is ConfigValue => !!x), loc: raw.loc };
      }
      case "subst":
        return this.substitute(raw, depth);
      case "concat":
        return this.concat(raw, depth);
    }
  }

  /** Counts a step; false (after one diagnostic) past the depth limit or the budget. */
  private withinBounds(loc: ConfigLoc, depth: number): boolean {
    if (++this.steps > MAX_RESOLVED_VALUES) {
      this.stop(
        loc,
        `substitutions expand to more than ${MAX_RESOLVED_VALUES} values (a substitution bomb?); resolving stopped here`,
      );
      return false;
    }
    if (depth <= MAX_CONFIG_DEPTH) return true;
    // once: a long chain would otherwise be reported at each of its links
    if (!this.deepReported) {
      this.deepReported = true;
      this.report(
        loc,
        "hocon-too-deep",
        `values and substitutions nest deeper than ${MAX_CONFIG_DEPTH} levels (first here); not resolved past it`,
      );
    }
    return false;
  }

  private stop(loc: ConfigLoc, message: string): void {
    this.stopped = true;
    this.report(loc, "hocon-expansion-limit", message);
  }

  private substitute(raw: Extract<Raw, { kind: "subst" }>, depth: number): ConfigValue | undefined {
    const target = rawGet(this.root, raw.path);
    if (target) {
      if (this.resolving.has(raw.path)) {
        this.report(raw.loc, "hocon-substitution-cycle", `substitution cycle through \${${raw.path}}`);
        return undefined;
      }
      this.resolving.add(raw.path);
      try {
        return this.value(target, depth + 1);
      } finally {
        this.resolving.delete(raw.path);
      }
    }
    const env = this.env[raw.path];
    if (env !== undefined) return { kind: "scalar", value: env, quoted: true, loc: raw.loc };
    if (!raw.optional) {
      this.report(raw.loc, "hocon-unresolved", `\${${raw.path}} is not set in the configuration or the environment`);
    }
    return undefined;
  }

  private concat(raw: Extract<Raw, { kind: "concat" }>, depth: number): ConfigValue | undefined {
    const parts: { v: ConfigValue; gap: string }[] = [];
    raw.parts.forEach((p, i) => {
      const v = this.value(p, depth);
      if (v) parts.push({ v, gap: parts.length ? raw.gaps[i] : "" });
    });
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0].v;
    const kinds = new Set(parts.map((p) => p.v.kind));
    if (kinds.size > 1) {
      this.report(raw.loc, "hocon-syntax", "cannot concatenate values of different types (text, object, array)");
      return parts[parts.length - 1].v;
    }
    const loc = raw.loc;
    if (kinds.has("scalar")) return this.joinScalars(parts as { v: ConfigScalar; gap: string }[], loc);
    if (kinds.has("array")) {
      return { kind: "array", items: parts.flatMap((p) => (p.v as { items: ConfigValue[] }).items), loc };
    }
    return parts.map((p) => p.v as ConfigObject).reduce((a, b) => mergeResolved(a, b));
  }

  /** `${a}${a}…` doubles text without new values: count characters before building it. */
  private joinScalars(parts: { v: ConfigScalar; gap: string }[], loc: ConfigLoc): ConfigValue | undefined {
    for (const p of parts) this.chars += p.gap.length + p.v.value.length;
    if (this.chars > MAX_RESOLVED_CHARS) {
      this.stop(
        loc,
        `substitutions expand to more than ${MAX_RESOLVED_CHARS} characters of text (a substitution bomb?); resolving stopped here`,
      );
      return undefined;
    }
    const value = parts.map((p) => p.gap + p.v.value).join("");
    return { kind: "scalar", value, quoted: parts.some((p) => p.v.quoted), loc };
  }
}

function rawGet(root: RawObject, path: string): Raw | undefined {
  let cur: Raw | undefined = root;
  for (const k of path.split(".")) {
    if (!cur || cur.kind !== "object") return undefined;
    cur = cur.fields.get(k)?.value;
  }
  return cur;
}

function mergeResolved(a: ConfigObject, b: ConfigObject): ConfigObject {
  const fields = new Map(a.fields);
  for (const [k, f] of b.fields) {
    const old = fields.get(k);
    if (old && old.value.kind === "object" && f.value.kind === "object") {
      fields.set(k, { ...f, value: mergeResolved(old.value, f.value) });
    } else fields.set(k, f);
  }
  return { kind: "object", fields, loc: b.loc };
}
