/**
 * The `--config` file (`.emqx-acl.json`): `{"dialect": "auto"|"v4"|"v5"|"v6",
 * "rules": {"<id>": "off"|"info"|"warning"}}`. Parsed here so a broken file gets a message
 * with file:line:col; what the settings mean is the analysis package's business.
 */
import type { LintSettings, RuleSetting } from "@emqx-acl/analysis";
import { readFileSync } from "node:fs";
import { readFailure } from "./read-input";
import { UsageError } from "./usage-error";

export const DIALECTS = ["auto", "v4", "v5", "v6"] as const;
export type DialectOption = (typeof DIALECTS)[number];

/** The analysis package's settings schema (shared with the language server). */
export type LintConfig = LintSettings;

/** 1-based line:col of a UTF-16 offset. */
function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /position (\d+)/.exec(message);
    const where = at ? lineCol(text, Number(at[1])) : "1:1";
    throw new UsageError(`${path}:${where}: invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`);
  }
}

/** Checks the parsed value's shape; `where` points to the file for messages. */
export function validateConfig(value: unknown, where: string): LintConfig {
  const fail = (msg: string): never => {
    throw new UsageError(`${where}: ${msg}`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) fail("the config must be a JSON object");
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (key !== "dialect" && key !== "rules" && key !== "$schema") fail(`unknown key '${key}'`);
  if (obj.dialect !== undefined && !DIALECTS.includes(obj.dialect as DialectOption)) {
    fail(`"dialect" must be one of ${DIALECTS.join(", ")}`);
  }
  const rules = obj.rules;
  if (rules !== undefined) {
    if (typeof rules !== "object" || rules === null || Array.isArray(rules)) fail(`"rules" must be an object`);
    for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
      if (setting !== "off" && setting !== "info" && setting !== "warning") fail(`rule '${id}': expected "off", "info" or "warning"`);
    }
  }
  return { dialect: obj.dialect as DialectOption | undefined, rules: rules as Record<string, RuleSetting> | undefined };
}

/** Reads and validates a config file; every failure is a one-line {@link UsageError}. */
export function loadLintConfig(path: string): LintConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read '${path}': ${readFailure(err)}`);
  }
  return validateConfig(parseJson(path, text), path);
}
