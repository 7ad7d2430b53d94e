/**
 * EMQX 4 `etc/emqx.conf` reader (cuttlefish syntax): one `key = value` per line, `#`
 * starts a comment, `include PATH` pulls in another file (a `*` in the last path segment
 * is a glob). Later settings of the same key win, as in cuttlefish.
 */
import type { Diagnostic } from "../diagnostic";
import { LineIndex } from "../line-index";
import type { ConfigLoc, ConfigSource, FileDiagnostic, IncludeRead } from "./config";
import { IncludeStack } from "./include-stack";

export interface V4Setting {
  key: string;
  value: string;
  keyLoc: ConfigLoc;
  valueLoc: ConfigLoc;
}

export interface V4Config {
  /** Effective settings by key (the last one written wins). */
  settings: Map<string, V4Setting>;
  /** Every setting in reading order, overridden ones included. */
  all: V4Setting[];
  diagnostics: FileDiagnostic[];
  sources: ConfigSource[];
}

export interface V4LoadOptions {
  readFile?: (path: string) => IncludeRead;
  /** Lists a directory's file names, for `include dir/*.conf`. */
  listDir?: (dir: string) => string[];
  /** A file's identity for include cycles (the CLI passes realpath); default: the path. */
  realpath?: (path: string) => string;
}

const KEY = /^[A-Za-z0-9_.$\-]+$/;

function dirnameOf(file: string): string {
  const i = file.lastIndexOf("/");
  return i < 0 ? "." : file.slice(0, i) || "/";
}

/** Reads a cuttlefish-style config file and the files it includes. */
export function loadV4Conf(text: string, file: string, options: V4LoadOptions = {}): V4Config {
  const out: V4Config = { settings: new Map(), all: [], diagnostics: [], sources: [] };
  readInto(out, text, file, options, new IncludeStack(options.realpath));
  return out;
}

function readInto(out: V4Config, text: string, file: string, options: V4LoadOptions, stack: IncludeStack): void {
  stack.push(file);
  readLines(out, text, file, options, stack);
  stack.pop();
}

function readLines(out: V4Config, text: string, file: string, options: V4LoadOptions, stack: IncludeStack): void {
  const lines = new LineIndex(text);
  out.sources.push({ file, text, lines });
  const report = (start: number, end: number, id: string, message: string) => {
    const diagnostic: Diagnostic = { id, severity: "error", message, range: lines.range(start, end), term: null };
    out.diagnostics.push({ file, diagnostic });
  };
  for (let n = 0; n < lines.lineCount; n++) {
    const lineStart = lines.lineStart(n);
    const next = n + 1 < lines.lineCount ? lines.lineStart(n + 1) : text.length;
    const raw = text.slice(lineStart, next).replace(/\r?\n$|\r$/, "");
    const hash = raw.indexOf("#");
    const content = hash >= 0 ? raw.slice(0, hash) : raw;
    if (content.trim() === "") continue;
    const inc = /^\s*include\s+(\S+)\s*$/.exec(content);
    if (inc) {
      const at = lineStart + content.indexOf(inc[1]);
      includeFiles(out, inc[1], file, options, stack, (id, message) => report(at, at + inc[1].length, id, message));
      continue;
    }
    const eq = content.indexOf("=");
    const key = eq >= 0 ? content.slice(0, eq).trim() : "";
    if (eq < 0 || !KEY.test(key)) {
      const lead = content.length - content.trimStart().length;
      const what = eq < 0 ? "expected 'key = value'" : `invalid key ${JSON.stringify(key)}`;
      report(lineStart + lead, lineStart + content.trimEnd().length, "conf-syntax", what);
      continue;
    }
    const keyStart = lineStart + content.indexOf(key);
    const rawValue = content.slice(eq + 1);
    const value = rawValue.trim();
    const valueStart = lineStart + eq + 1 + (rawValue.length - rawValue.trimStart().length);
    if (value === "") {
      report(keyStart, keyStart + key.length, "conf-syntax", `missing value for ${key}`);
      continue;
    }
    const setting: V4Setting = {
      key,
      value,
      keyLoc: { file, start: keyStart, end: keyStart + key.length },
      valueLoc: { file, start: valueStart, end: valueStart + value.length },
    };
    out.all.push(setting);
    out.settings.set(key, setting);
  }
}

type IncludeReport = (id: string, message: string) => void;

function includeFiles(
  out: V4Config,
  pattern: string,
  from: string,
  options: V4LoadOptions,
  stack: IncludeStack,
  report: IncludeReport,
): void {
  const { readFile, listDir } = options;
  if (!readFile) return;
  const path = pattern.startsWith("/") ? pattern : `${dirnameOf(from)}/${pattern}`;
  const base = path.slice(path.lastIndexOf("/") + 1);
  let files = [path];
  if (base.includes("*")) {
    const dir = dirnameOf(path);
    const re = new RegExp(
      `^${base
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    );
    files = (listDir?.(dir) ?? [])
      .filter((f) => re.test(f))
      .sort()
      .map((f) => `${dir}/${f}`);
    if (files.length === 0) return;
  }
  for (const f of files) {
    const problem = stack.problem(f);
    if (problem) {
      report(problem.kind === "cycle" ? "conf-include-cycle" : "conf-include-too-deep", problem.message);
      continue;
    }
    const text = readFile(f);
    if (text === null) report("conf-include-missing", `include not found: ${pattern}`);
    else if (typeof text !== "string")
      report("conf-include-refused", `not reading the include ${pattern}: ${text.refused}`);
    else readInto(out, text, f, options, stack);
  }
}
