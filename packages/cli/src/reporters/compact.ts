/**
 * `--format compact`: one line per finding, `file:line:col: severity id message`, for grep,
 * editors' error lists and `make`-style tooling. Every finding is listed (no grouping: a
 * line per place is the point), newlines in messages become spaces.
 */
import { batch } from "./batch";
import { displayRange, lineLengths } from "./positions";
import type { FileResult, ReportContext, Reporter } from "./types";
import { terminalName, terminalText } from "../terminal-text";

function* compactLines(results: FileResult[]): Generator<string> {
  for (const file of results) {
    const lengths = lineLengths(file.text);
    for (const d of file.diagnostics) {
      const at = displayRange(d.range, lengths).start;
      // control characters from the input are shown, not obeyed by the terminal
      yield `${terminalName(file.path)}:${at.line}:${at.column}: ${terminalText(`${d.severity} ${d.id} ${d.message.replace(/\s*\r?\n\s*/g, " ")}`)}\n`;
    }
  }
}

export function compactChunks(results: FileResult[], _context: ReportContext): Generator<string> {
  return batch(compactLines(results));
}

export const compactReporter: Reporter = (results, context) => [...compactChunks(results, context)].join("");
