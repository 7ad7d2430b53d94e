/**
 * The one object every audit rule reads: the parsed configuration (HOCON for 5/6, key =
 * value for 4) behind a single `get(path)`, the EMQX version, path resolution the way
 * EMQX resolves file settings, and the file system through {@link AuditFs}.
 */
import {
  configField,
  configGet,
  loadHocon,
  loadV4Conf,
  type ConfigLoc,
  type ConfigObject,
  type ConfigSource,
  type ConfigValue,
  type FileDiagnostic,
  type Severity,
  type V4Config,
} from "@emqx-acl/syntax";
import { applyToHocon, applyToV4, parseEnvFile } from "./env-overrides";
import { detectVersion, type EmqxVersion } from "./version";
import { capabilities, type DialectCapabilities } from "@emqx-acl/core";

/** A read's outcome: the text, no such (readable) file, or a file the audit will not read. */
export type FileRead = { text: string } | { missing: true } | { refused: string };

/**
 * Read limits. A config under review chooses which files the audit opens, so it must not
 * make the tool read without end (/dev/zero, a FIFO, a sparse 3 GB file): configuration
 * files, certificates and keys are small; acl files may hold many thousands of rules.
 */
export const MAX_CONFIG_BYTES = 8 << 20;
export const MAX_ACL_BYTES = 64 << 20;

/** File access for the audit; the CLI and tests pass {@link nodeAuditFs}. */
export interface AuditFs {
  /** Reads a regular file of at most `maxBytes` (see {@link readBounded}). */
  read(path: string, maxBytes: number): FileRead;
  /** Permission bits (`mode & 0o777`), or null when the file does not exist. */
  mode(path: string): number | null;
  listDir(dir: string): string[];
  /** The file's canonical path (symlinks and `..` resolved), or the path when it cannot be resolved. */
  realpath(path: string): string;
}

/** One scalar setting as written. `path` uses dots for both v4 keys and HOCON paths. */
export interface Setting {
  path: string;
  value: string;
  loc: ConfigLoc;
  keyLoc: ConfigLoc;
}

/** What a rule reports; the runner turns `loc` into a range in the right file. */
export interface Finding {
  id: string;
  message: string;
  loc: ConfigLoc;
  /** Overrides the rule's severity for this version. */
  severity?: Severity;
  related?: { loc: ConfigLoc; message: string }[];
  /** An edit of the same file that resolves the finding. */
  fix?: { title: string; edits: { loc: ConfigLoc; newText: string }[] };
}

export interface AuditOptions {
  /** `auto` detects 4 versus 5 from the syntax and keys (6 only from 6-only keys). */
  emqx: EmqxVersion | "auto";
  /** ssl_dist.conf; default: beside the config file. */
  sslDistConf?: string;
  /**
   * A `KEY=VALUE` env file (Docker, systemd): the node's environment. Its `EMQX_A__B=…`
   * entries override the config; all its variables resolve `${VAR}` (over `env`).
   */
  envFile?: string;
  /** Environment for `${VAR}` in the config, the CLI's own (EMQX_ETC_DIR etc. default from the file's place). */
  env?: Record<string, string | undefined>;
  /** "Now", for certificate expiry; tests pin it. */
  now?: Date;
  /** Days before expiry that count as expiring (default 30). */
  expiryDays?: number;
  /** EMQX 6 `EMQX_SECURITY_PROFILE` (default legacy; an env file's value is used when not given). */
  securityProfile?: "legacy" | "hardened";
}

export function dirname(p: string): string {
  const i = p.lastIndexOf("/");
  return i < 0 ? "." : p.slice(0, i) || "/";
}

export function joinPath(dir: string, p: string): string {
  if (p.startsWith("/")) return p;
  return `${dir.replace(/\/$/, "")}/${p.replace(/^\.\//, "")}`;
}

export class AuditContext {
  readonly version: EmqxVersion;
  /** What the version's broker does (core's model/dialects.ts). */
  get caps(): Readonly<DialectCapabilities> {
    return capabilities(this.version);
  }
  readonly versionNote: string;
  /** Directory of the config file (EMQX's `etc`). */
  readonly etcDir: string;
  /** EMQX's working directory, which relative paths such as `etc/certs/x.pem` start from. */
  readonly home: string;
  readonly env: Record<string, string | undefined>;
  readonly now: Date;
  readonly expiryDays: number;
  /** EMQX 6's security profile; `hardened` turns some warnings into refusals to start. */
  securityProfile: "legacy" | "hardened";
  readonly sslDistConfPath: string;
  readonly hocon: ConfigObject | null = null;
  readonly v4: V4Config | null = null;
  readonly sources: ConfigSource[];
  readonly parseDiagnostics: FileDiagnostic[];
  /** Files the audit would not read (not regular, too large), one finding each. */
  readonly refusedFiles: Finding[] = [];
  /** The files the runner named (the config, the env file): the only ones always shown in full. */
  readonly namedFiles = new Set<string>();
  private readonly refusedPaths = new Set<string>();
  private readonly memo = new Map<string, unknown>();
  /** Every text read so far, whatever its limit: a finding's code frame reuses it. */
  private readonly texts = new Map<string, string>();
  private profileGiven = false;

  constructor(
    readonly configPath: string,
    readonly text: string,
    readonly fs: AuditFs,
    options: AuditOptions,
  ) {
    this.etcDir = dirname(configPath);
    this.home = this.etcDir.endsWith("/etc") || this.etcDir === "etc" ? dirname(this.etcDir) : this.etcDir;
    // read first: its variables are the node's environment for `${VAR}` as well as overrides
    const envFileText = options.envFile ? this.readFile(options.envFile, { file: configPath, start: 0, end: 0 }) : null;
    const envFile = options.envFile && envFileText !== null ? parseEnvFile(envFileText, options.envFile) : null;
    this.env = {
      EMQX_ETC_DIR: this.etcDir,
      EMQX_DATA_DIR: joinPath(this.home, "data"),
      EMQX_LOG_DIR: joinPath(this.home, "log"),
      ...options.env,
      ...envFile?.variables,
    };
    this.now = options.now ?? new Date();
    this.expiryDays = options.expiryDays ?? 30;
    this.securityProfile = options.securityProfile ?? "legacy";
    this.sslDistConfPath = options.sslDistConf ?? joinPath(this.etcDir, "ssl_dist.conf");
    const detected = detectVersion(text);
    this.version = options.emqx === "auto" ? detected.version : options.emqx;
    this.versionNote = options.emqx === "auto" ? detected.note : `EMQX ${options.emqx.slice(1)} (given)`;
    if (this.caps.configFormat === "cuttlefish") {
      this.v4 = loadV4Conf(text, configPath, {
        readFile: (p) => this.readForLoader(p),
        listDir: (d) => fs.listDir(d),
        realpath: (p) => fs.realpath(p),
      });
      this.sources = this.v4.sources;
      this.parseDiagnostics = this.v4.diagnostics;
    } else {
      const loaded = loadHocon(text, configPath, {
        readFile: (p) => this.readForLoader(p),
        realpath: (p) => fs.realpath(p),
        env: this.env,
      });
      this.hocon = loaded.root;
      this.sources = loaded.sources;
      this.parseDiagnostics = loaded.diagnostics;
    }
    this.profileGiven = options.securityProfile !== undefined;
    this.namedFiles.add(configPath);
    if (options.envFile) {
      this.namedFiles.add(options.envFile);
      this.applyEnvFile(options.envFile, envFile);
    }
  }

  /** Includes: the loaders report a refusal at the include itself. */
  private readForLoader(path: string): string | null | { refused: string } {
    const r = this.fs.read(path, MAX_CONFIG_BYTES);
    return "text" in r ? r.text : "refused" in r ? r : null;
  }

  /**
   * A file the configuration points at (certificate, key, acl file, ssl_dist.conf): its
   * text, or null when missing or refused. A refusal becomes one `file-refused` finding at
   * `loc`, the setting that named the file.
   */
  readFile(path: string, loc: ConfigLoc, maxBytes = MAX_CONFIG_BYTES): string | null {
    const known = this.texts.get(path);
    if (known !== undefined) return known;
    const r = this.once(`read:${maxBytes}:${path}`, () => {
      const read = this.fs.read(path, maxBytes);
      if ("text" in read) this.texts.set(path, read.text);
      if ("refused" in read && !this.refusedPaths.has(path)) {
        this.refusedPaths.add(path);
        this.refusedFiles.push({ id: "file-refused", loc, message: `not reading ${path}: ${read.refused}` });
      }
      return read;
    });
    return "text" in r ? r.text : null;
  }

  private applyEnvFile(path: string, parsed: ReturnType<typeof parseEnvFile> | null): void {
    if (parsed === null) {
      const diagnostic = {
        id: "env-file-unreadable",
        severity: "error" as const,
        message: `cannot read the env file ${path}`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        term: null,
      };
      this.parseDiagnostics.push({ file: this.configPath, diagnostic });
      return;
    }
    const { overrides, source, profile } = parsed;
    this.sources.push(source);
    if (profile && !this.profileGiven) this.securityProfile = profile;
    if (this.v4) applyToV4(this.v4, overrides);
    else if (this.hocon) applyToHocon(this.hocon, overrides);
  }

  /** A scalar setting by dotted path, or undefined when not set (defaults are the rules' business). */
  get(path: string): Setting | undefined {
    if (this.v4) {
      const s = this.v4.settings.get(path);
      return s && { path, value: s.value, loc: s.valueLoc, keyLoc: s.keyLoc };
    }
    const field = this.hocon ? configField(this.hocon, path) : undefined;
    if (!field || field.value.kind !== "scalar") return undefined;
    return { path, value: field.value.value, loc: field.value.loc, keyLoc: field.keyLoc };
  }

  /** A HOCON value (object/array) by path; always undefined for v4. */
  value(path: string): ConfigValue | undefined {
    return this.hocon ? configGet(this.hocon, path) : undefined;
  }

  /** Keys directly under a prefix: HOCON object fields, or v4 keys `prefix.rest`. */
  keysUnder(prefix: string): { key: string; keyLoc: ConfigLoc }[] {
    if (this.v4) {
      return [...this.v4.settings.values()]
        .filter((s) => s.key.startsWith(`${prefix}.`))
        .map((s) => ({ key: s.key.slice(prefix.length + 1), keyLoc: s.keyLoc }));
    }
    const obj = this.value(prefix);
    return obj?.kind === "object" ? [...obj.fields.values()].map((f) => ({ key: f.key, keyLoc: f.keyLoc })) : [];
  }

  /**
   * Where to point when a setting is absent and its default applies: the nearest parent
   * that is written (`rpc {`), else the start of the config file.
   */
  anchor(path: string): ConfigLoc {
    const keys = path.split(".");
    if (this.v4 && keys.length > 1) {
      // v4 has no sections: point at the first setting of the same group (`rpc.driver` for `rpc.certfile`)
      const sibling = this.v4.all.find((s) => s.key.startsWith(`${keys[0]}.`) && s.keyLoc.file === this.configPath);
      if (sibling) return sibling.keyLoc;
    }
    for (let n = keys.length - 1; n > 0 && this.hocon; n--) {
      const f = configField(this.hocon, keys.slice(0, n));
      if (f) return f.keyLoc;
    }
    return { file: this.configPath, start: 0, end: 0 };
  }

  /** The value's location, or the anchor when the setting is absent. */
  locOf(path: string): ConfigLoc {
    return this.get(path)?.loc ?? this.anchor(path);
  }

  /**
   * A file setting as EMQX opens it: `${VAR}` / `$VAR` from the environment (EMQX's
   * naive interpolation of file paths), relative paths from EMQX's working directory.
   */
  resolvePath(value: string): string {
    const expanded = value
      // EMQX 4 source templates (`{{ platform_etc_dir }}`) when the file was copied unrendered
      .replace(/\{\{\s*platform_(\w+)_dir\s*\}\}/g, (m, d: string) => this.env[`EMQX_${d.toUpperCase()}_DIR`] ?? m)
      .replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a: string, b: string) => this.env[a ?? b] ?? m);
    return joinPath(this.home, expanded);
  }

  /** Computes a value once per audit (certificate bundles, ssl_dist.conf, the acl file). */
  once<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }
}

/** A fix replacing a written setting's value (its span includes any quotes; enum values need none). */
export function replaceValue(s: Setting, value: string): NonNullable<Finding["fix"]> {
  return { title: `set ${s.path} = ${value}`, edits: [{ loc: s.loc, newText: value }] };
}

/** Truthy the way EMQX's schemas read booleans (`true`/`on` and friends). */
export function isOn(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  return ["true", "on", "yes", "enable", "enabled"].includes(value.toLowerCase());
}
