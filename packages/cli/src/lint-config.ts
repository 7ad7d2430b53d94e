/**
 * The settings file (`.emqx-acl.json`) for lint: given with `--config`, or the nearest one
 * above each linted file. Finding, parsing and checking are the analysis package's (the
 * language server uses the same functions); here a problem becomes a one-line usage error:
 * CI must not lint with half a config.
 */
import { readSettingsFile, settingsFor, type LintSettings, type SettingsFile } from "@emqx-acl/analysis";
import { readFailure } from "./read-input";
import { UsageError } from "./usage-error";

export const DIALECTS = ["auto", "v4", "v5", "v6"] as const;
export type DialectOption = (typeof DIALECTS)[number];

/** The analysis package's settings schema (shared with the language server). */
export type LintConfig = LintSettings;

/** The settings of a checked file; its first problem as a {@link UsageError}. */
function settingsOrFail(file: SettingsFile): LintConfig {
  if (file.problems.length > 0) throw new UsageError(file.problems[0]);
  return file.settings;
}

/** Reads and checks the settings file at `path` (`--config`). */
export function loadLintConfig(path: string): LintConfig {
  let file: SettingsFile;
  try {
    file = readSettingsFile(path);
  } catch (err) {
    throw new UsageError(`cannot read '${path}': ${readFailure(err)}`);
  }
  return settingsOrFail(file);
}

/** The settings for files in `dir`: the nearest `.emqx-acl.json` at or above it, or none. */
export function discoverLintConfig(dir: string): LintConfig {
  let file: SettingsFile | null;
  try {
    file = settingsFor(dir);
  } catch (err) {
    const path = (err as NodeJS.ErrnoException).path ?? dir;
    throw new UsageError(`cannot read '${path}': ${readFailure(err)}`);
  }
  return file ? settingsOrFail(file) : {};
}
