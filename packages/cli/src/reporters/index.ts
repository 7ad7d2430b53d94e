/** The reporters by `--format` name. */
import { githubReporter } from "./github";
import { jsonReporter } from "./json";
import { prettyReporter } from "./pretty";
import { sarifReporter } from "./sarif";
import type { Reporter } from "./types";

export const reporters = {
  pretty: prettyReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
} satisfies Record<string, Reporter>;

export type FormatName = keyof typeof reporters;
export const formatNames = Object.keys(reporters) as FormatName[];

export * from "./types";
export { ruleMeta, type RuleMeta } from "./rule-meta";
