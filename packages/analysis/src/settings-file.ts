/**
 * The settings file `.emqx-acl.json`: the one place that finds it (the nearest one at or
 * above a file's directory, as ESLint and ruff find theirs) and parses and checks it, for
 * the CLI and the language server alike.
 *
 * Policy: checking is strict, using is the caller's choice. Every problem (invalid JSON, an
 * unknown key, a value out of range) is reported with file:line:col; `settings` holds the
 * valid parts. The CLI refuses to run on any problem (exit 2, CI must not silently lint
 * with half a config); the language server shows the problems and uses the valid parts
 * (an editor must keep working while the file is being edited).
 */
import type { LintSettings, RuleSetting } from "./lint/settings";

export const SETTINGS_FILE_NAME = ".emqx-acl.json";

const DIALECTS: readonly string[] = ["auto", "v4", "v5", "v6"];
const RULE_SETTINGS: readonly string[] = ["off", "info", "warning"];

/** A problem with a settings object; `key` is where it is (e.g. ["rules", "x"]). */
export interface SettingsProblem {
  key: string[];
  message: string;
}

export interface SettingsFile {
  path: string;
  settings: LintSettings;
  /** `path:line:col: message`, one per problem; empty when the file is fine. */
  problems: string[];
}

/**
 * Checks a parsed settings object: the valid settings and the problems. `extraKeys` are
 * allowed and left to the caller (the editor's own settings, e.g. `debounceMs`).
 */
export function checkSettings(
  value: unknown,
  extraKeys: readonly string[] = [],
): { settings: LintSettings; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const settings: LintSettings = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { settings, problems: [{ key: [], message: "the settings must be a JSON object" }] };
  }
  for (const [key, v] of Object.entries(value)) {
    if (key === "dialect") {
      if (typeof v === "string" && DIALECTS.includes(v)) settings.dialect = v as LintSettings["dialect"];
      else problems.push({ key: [key], message: `dialect must be one of ${DIALECTS.join(", ")}` });
    } else if (key === "rules") {
      if (typeof v !== "object" || v === null || Array.isArray(v)) {
        problems.push({ key: [key], message: 'rules must be an object of rule id → "off", "info" or "warning"' });
        continue;
      }
      settings.rules = {};
      for (const [id, s] of Object.entries(v)) {
        if (typeof s === "string" && RULE_SETTINGS.includes(s)) settings.rules[id] = s as RuleSetting;
        else problems.push({ key: [key, id], message: `rules.${id}: expected "off", "info" or "warning"` });
      }
    } else if (key !== "$schema" && !extraKeys.includes(key)) {
      problems.push({ key: [key], message: `unknown key '${key}' (expected dialect, rules or $schema)` });
    }
  }
  return { settings, problems };
}

/** 1-based `line:col` of a UTF-16 offset. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

/** Offset of the (last) key of `key` in the JSON text: each key is looked for after its parent's. */
function keyOffset(text: string, key: string[]): number {
  let at = 0;
  for (const k of key) {
    const re = new RegExp(`${JSON.stringify(k).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`, "g");
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return at;
    at = m.index;
  }
  return at;
}

/** Parses and checks the text of a settings file at `path`. */
export function parseSettingsFile(path: string, text: string): SettingsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    const where = position ? lineCol(text, Number(position[1])) : "1:1";
    return {
      path,
      settings: {},
      problems: [`${path}:${where}: invalid JSON: ${message.replace(/,? in JSON at position \d+.*$/, "")}`],
    };
  }
  const { settings, problems } = checkSettings(value);
  return {
    path,
    settings,
    problems: problems.map((p) => `${path}:${lineCol(text, keyOffset(text, p.key))}: ${p.message}`),
  };
}
