/**
 * Finding and reading `.emqx-acl.json` (the nearest one at or above a directory): the one
 * place the analysis package reads files, shared by `lint` and the language server so both
 * find the same settings. Parsing and checking stay pure in settings-file.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseSettingsFile, SETTINGS_FILE_NAME, type SettingsFile } from "./settings-file";

/** Reads and checks a settings file; an unreadable file throws the file system's error. */
export function readSettingsFile(path: string): SettingsFile {
  return parseSettingsFile(path, readFileSync(path, "utf8"));
}

/** The nearest settings file at or above `dir` (stopping after `stopAt` if given), or null. */
export function findSettingsFile(dir: string, stopAt?: string): string | null {
  for (let d = dir; ; d = dirname(d)) {
    const candidate = join(d, SETTINGS_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(d) === d || d === stopAt) return null;
  }
}

/** The settings that apply to files in `dir`: the nearest settings file, read and checked; null when there is none. */
export function settingsFor(dir: string, stopAt?: string): SettingsFile | null {
  const path = findSettingsFile(dir, stopAt);
  return path === null ? null : readSettingsFile(path);
}
