/**
 * The one settings schema shared by `.emqx-acl.json` and the language server:
 * `{"dialect": "auto"|"v4"|"v5"|"v6", "rules": {"<id>": "off"|"info"|"warning"}}`.
 */
import { DIALECTS, type Dialect } from "@emqx-acl/core";

export type RuleSetting = "off" | "info" | "warning";

export interface LintSettings {
  dialect?: "auto" | Dialect;
  rules?: Record<string, RuleSetting>;
}

/** JSON Schema of the settings (for editors and docs). */
export const settingsSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  title: "emqx-acl settings (.emqx-acl.json)",
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    dialect: { enum: ["auto", ...DIALECTS], description: "EMQX version the acl.conf files are for" },
    rules: {
      type: "object",
      description: "Severity per lint rule id; load errors cannot be changed",
      additionalProperties: { enum: ["off", "info", "warning"] },
    },
  },
} as const;

/** The marker comment suppressing findings of the next term: `%% emqx-acl ignore:<id>[,<id>…]`. */
export const IGNORE_RE = /^%+\s*emqx-acl\s+ignore:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

/**
 * File-level override of lint's work budget (steps, for each exact check):
 * `%% emqx-acl analysis-budget: <steps>`. Lets a file (or a test) trade completeness for time.
 */
export const BUDGET_RE = /^%+\s*emqx-acl\s+analysis-budget:\s*(\d+)\s*$/;

/**
 * Lint work budget for a file of `n` rules, given to each exact check (reachability,
 * redundancy, conflicts) on its own. Realistic files spend about 1–4 steps per rule (the
 * rules that can matter are found through indexes); a step costs about 2 µs, so this
 * bounds each check at roughly 0.2 s + 0.2 ms per rule.
 */
export function defaultAnalysisBudget(n: number): number {
  return 100_000 + 100 * n;
}
