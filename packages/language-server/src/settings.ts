/**
 * Settings of the language server: the same keys as `.emqx-acl.json` (which the CLI reads),
 * so a workspace behaves alike in the editor and in CI. Client settings (section
 * `emqx-acl`) override the file's; both override the defaults.
 */
import { readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Severity } from "@emqx-acl/syntax";

export type SeveritySetting = Exclude<Severity, "error"> | "off";

export interface Settings {
  dialect: "auto" | "v4" | "v5" | "v6";
  /** Per-rule severity overrides, by diagnostic id. */
  rules: Record<string, SeveritySetting>;
  /** Milliseconds to wait after an edit before re-analysing. */
  debounceMs: number;
  /** Inlay hints with the rule number and reachability. */
  inlayHints: boolean;
}

export const defaultSettings: Settings = {
  dialect: "auto",
  rules: {},
  debounceMs: 30,
  inlayHints: true,
};

const DIALECTS = new Set(["auto", "v4", "v5", "v6"]);
const SEVERITIES = new Set(["warning", "info", "off"]);

/** Keeps the valid keys of an untrusted settings object; reports what it ignored. */
export function sanitizeSettings(raw: unknown, problems: string[] = []): Partial<Settings> {
  if (!raw || typeof raw !== "object") return {};
  const r = raw as Record<string, unknown>;
  const out: Partial<Settings> = {};
  if (r.dialect !== undefined) {
    if (typeof r.dialect === "string" && DIALECTS.has(r.dialect)) out.dialect = r.dialect as Settings["dialect"];
    else problems.push(`dialect must be one of auto, v4, v5, v6`);
  }
  // `engine` is what `emqx-acl explain --engine` calls the dialect
  if (r.dialect === undefined && typeof r.engine === "string" && DIALECTS.has(r.engine)) out.dialect = r.engine as Settings["dialect"];
  if (typeof r.debounceMs === "number" && r.debounceMs >= 0 && r.debounceMs <= 5000) out.debounceMs = r.debounceMs;
  if (typeof r.inlayHints === "boolean") out.inlayHints = r.inlayHints;
  const rules = r.rules ?? r.severities;
  if (rules && typeof rules === "object") {
    out.rules = {};
    for (const [id, sev] of Object.entries(rules as Record<string, unknown>)) {
      if (typeof sev === "string" && SEVERITIES.has(sev)) out.rules[id] = sev as SeveritySetting;
      else problems.push(`rules.${id}: expected "off", "info" or "warning"`);
    }
  }
  return out;
}

/** Merges layers left to right; `rules` maps are merged key by key. */
export function mergeSettings(...layers: Partial<Settings>[]): Settings {
  const out: Settings = { ...defaultSettings, rules: {} };
  for (const l of layers) {
    const { rules, ...rest } = l;
    Object.assign(out, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
    if (rules) Object.assign(out.rules, rules);
  }
  return out;
}

/** The nearest `.emqx-acl.json` at or above `dir`, stopping at `root` if given. */
export function findConfigFile(dir: string, root?: string): string | null {
  let d = dir;
  for (;;) {
    const candidate = join(d, ".emqx-acl.json");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(d);
    if (parent === d || (root && d === root)) return null;
    d = parent;
  }
}

/** Reads a config file; a broken one yields no settings and a problem message. */
export function readConfigFile(path: string, problems: string[]): Partial<Settings> {
  try {
    const found: string[] = [];
    const settings = sanitizeSettings(JSON.parse(readFileSync(path, "utf8")), found);
    problems.push(...found.map((p) => `${path}: ${p}`));
    return settings;
  } catch (err) {
    problems.push(`${path}: ${err instanceof Error ? err.message : String(err)}`);
    return {};
  }
}
