/** The reporters by `--format` name. */
import { githubReporter } from "./github";
import { jsonReportChunks, jsonReporter } from "./json";
import { prettyReporter } from "./pretty";
import { sarifChunks, sarifReporter } from "./sarif";
import type { FileResult, ReportContext, Reporter } from "./types";

export const reporters = {
  pretty: prettyReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
} satisfies Record<string, Reporter>;

export type FormatName = keyof typeof reporters;

/** Each format as chunks of text: the JSON formats stream (huge files), the others are one piece. */
export const reportChunks: Record<FormatName, (results: FileResult[], context: ReportContext) => Iterable<string>> = {
  pretty: (results, context) => [prettyReporter(results, context)],
  json: (results) => jsonReportChunks(results),
  sarif: sarifChunks,
  github: (results, context) => [githubReporter(results, context)],
};
export const formatNames = Object.keys(reporters) as FormatName[];

export * from "./types";
export { ruleMeta, type RuleMeta } from "./rule-meta";
