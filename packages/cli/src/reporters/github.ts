/**
 * GitHub Actions workflow commands, one line per finding (identical findings of a file
 * once, with the count and lines of the others: GitHub shows only a few per step):
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<id>::message`
 * (`warning` and `notice` for the other severities). GitHub shows them as annotations
 * on the pull request. Escaping follows actions/toolkit's `issueCommand`.
 */
import type { Severity } from "@emqx-acl/syntax";
import { relative, sep } from "node:path";
import { displayRange, lineLengths } from "./positions";
import type { FileResult, ReportContext, Reporter } from "./types";
import { batch } from "./batch";
import { entries, repeatsNote } from "./repeats";
import { terminalText } from "../terminal-text";

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Escapes a command's data (the message). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a property value: data escaping plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** A path GitHub can match to the repository: relative to cwd, with forward slashes. */
export function annotationPath(path: string, cwd: string): string {
  if (path === "<stdin>") return path;
  const rel = relative(cwd, path);
  return (rel === "" || rel.startsWith("..") ? path : rel).split(sep).join("/");
}

/** The annotations as chunks of text, one line per diagnostic (huge files are never one string). */
export function githubChunks(results: FileResult[], context: ReportContext): Generator<string> {
  return batch(githubLines(results, context));
}

function* githubLines(results: FileResult[], context: ReportContext): Generator<string> {
  for (const file of results) {
    const lengths = lineLengths(file.text);
    for (const g of entries(file.diagnostics, context.group !== false)) {
      const d = g.first;
      const r = displayRange(d.range, lengths);
      // GitHub's endColumn is inclusive; ours is exclusive (never before col)
      const endColumn = Math.max(r.start.column, r.end.column - 1);
      const props = [
        `file=${escapeProperty(annotationPath(file.path, context.cwd))}`,
        `line=${r.start.line}`,
        `col=${r.start.column}`,
        `endLine=${r.end.line}`,
        `endColumn=${endColumn}`,
        `title=${escapeProperty(d.id)}`,
      ];
      const repeats = repeatsNote(g);
      // CI logs are rendered like a terminal: control characters from the input are shown, not obeyed
      yield `::${COMMAND[d.severity]} ${props.join(",")}::${escapeData(terminalText(repeats ? `${d.message} (${repeats})` : d.message))}\n`;
    }
  }
}

export const githubReporter: Reporter = (results, context) => [...githubChunks(results, context)].join("");
