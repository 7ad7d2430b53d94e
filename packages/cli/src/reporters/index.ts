/** The reporters by `--format` name. */
import { compactChunks, compactReporter } from "./compact";
import { githubChunks, githubReporter } from "./github";
import { jsonReportChunks, jsonReporter } from "./json";
import { prettyChunks, prettyReporter } from "./pretty";
import { sarifChunks, sarifReporter } from "./sarif";
import type { FileResult, ReportContext, Reporter } from "./types";

export const reporters = {
  pretty: prettyReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  compact: compactReporter,
} satisfies Record<string, Reporter>;

export type FormatName = keyof typeof reporters;

/** Each format as chunks of text (what `lint` writes: a huge file's report is never one string). */
export const reportChunks: Record<FormatName, (results: FileResult[], context: ReportContext) => Iterable<string>> = {
  pretty: prettyChunks,
  json: (results) => jsonReportChunks(results),
  sarif: sarifChunks,
  github: githubChunks,
  compact: compactChunks,
};
export const formatNames = Object.keys(reporters) as FormatName[];

export * from "./types";
export { ruleMeta, type RuleMeta } from "./rule-meta";
