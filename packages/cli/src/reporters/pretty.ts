/**
 * Human output: `file:line:col  severity  message  id`, a code frame under each finding,
 * related locations as notes, identical findings said once with the lines of the others
 * (`repeats.ts`), and a summary line that counts every finding. Colours only when asked
 * (the caller decides: a TTY and no NO_COLOR).
 */
import type { Severity } from "@emqx-acl/syntax";
import { codeFrame, FrameSource, type FrameStyle } from "./code-frame";
import { oneBased } from "./positions";
import { summarize, type FileResult, type ReportContext, type Reporter, type Summary } from "./types";
import { batch } from "./batch";
import { entries, repeatsNote, type Repeated } from "./repeats";
import { terminalName, terminalText } from "../terminal-text";

const ESC = "\u001b[";
const paint = (code: string) => (s: string) => `${ESC}${code}m${s}${ESC}0m`;
const colours = {
  error: paint("31"),
  warning: paint("33"),
  info: paint("36"),
  dim: paint("2"),
  bold: paint("1"),
  green: paint("32"),
};
type Paint = (s: string) => string;
const none: Paint = (s) => s;

interface Palette {
  severity(s: Severity): Paint;
  dim: Paint;
  bold: Paint;
  ok: Paint;
}

function palette(color: boolean): Palette {
  if (!color) return { severity: () => none, dim: none, bold: none, ok: none };
  return { severity: (s) => colours[s], dim: colours.dim, bold: colours.bold, ok: colours.green };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function formatDiagnostic(file: FileResult, lines: FrameSource, g: Repeated, p: Palette): string[] {
  const d = g.first;
  const at = oneBased(d.range).start;
  const head = `${p.bold(`${terminalName(file.path)}:${at.line}:${at.column}`)}  ${p.severity(d.severity)(d.severity)}  ${terminalText(d.message.replace(/\r?\n/g, "\n    "))}  ${p.dim(d.id)}`;
  const style: FrameStyle = { gutter: p.dim, mark: p.severity(d.severity) };
  const frame = file.withheld ? [] : codeFrame(lines, d.range, style);
  const out = [head, ...frame.map((l) => `  ${l}`)];
  for (const r of d.related ?? []) {
    const rel = oneBased(r.range).start;
    out.push(`  ${p.dim("note:")} ${terminalName(file.path)}:${rel.line}:${rel.column}  ${terminalText(r.message)}`);
  }
  if (d.fix) out.push(`  ${p.dim("fix:")} ${terminalText(d.fix.title)}`);
  const repeats = repeatsNote(g);
  if (repeats) out.push(`  ${p.dim("and:")} ${repeats}`);
  return out;
}

/** The closing line, e.g. `2 problems (1 error, 1 warning, 0 infos) in 3 files`. */
export function summaryLine(summary: Summary, files: number, p: Palette = palette(false)): string {
  const total = summary.errors + summary.warnings + summary.infos;
  const where = `in ${plural(files, "file")}`;
  if (total === 0) return p.ok(`no problems ${where}`);
  const counts = `${plural(summary.errors, "error")}, ${plural(summary.warnings, "warning")}, ${plural(summary.infos, "info")}`;
  const paintTotal = summary.errors > 0 ? p.severity("error") : summary.warnings > 0 ? p.severity("warning") : none;
  return `${paintTotal(plural(total, "problem"))} (${counts}) ${where}`;
}

/** The report as chunks of text, a diagnostic at a time (huge files are never one string). */
export function prettyChunks(results: FileResult[], context: ReportContext): Generator<string> {
  return batch(prettyBlocks(results, context));
}

function* prettyBlocks(results: FileResult[], context: ReportContext): Generator<string> {
  const p = palette(context.color);
  let first = true;
  const block = (s: string) => {
    const out = first ? s : `\n\n${s}`;
    first = false;
    return out;
  };
  for (const file of results) {
    if (file.dialectNote) yield block(p.dim(`${terminalName(file.path)}: ${terminalText(file.dialectNote)}`));
    if (file.diagnostics.length === 0) continue;
    const lines = new FrameSource(file.text); // one per file: its frames share the measured lines
    for (const g of entries(file.diagnostics, context.group !== false))
      yield block(formatDiagnostic(file, lines, g, p).join("\n"));
  }
  yield block(summaryLine(summarize(results), results.length, p));
  yield "\n";
}

export const prettyReporter: Reporter = (results, context) => [...prettyChunks(results, context)].join("");
