/**
 * What every reporter receives: plain data about each linted file. Reporters are pure
 * functions from these results to text; they never touch files, processes or the clock.
 */
import type { Diagnostic, Span } from "@emqx-acl/syntax";

/** One linted file. */
export interface FileResult {
  /** The path as the user named it (`<stdin>` for standard input). */
  path: string;
  /** The decoded document text (for code frames and fingerprints). */
  text: string;
  /** The dialect used, or null when none could be determined. */
  dialect: string | null;
  /** How `--dialect auto` chose, or null. */
  dialectNote: string | null;
  /** Every diagnostic, sorted by position (0-based LSP ranges). */
  diagnostics: Diagnostic[];
  /** The text is not to be shown (audit: a file a config points at that is not EMQX configuration); no code frames. */
  withheld?: boolean;
  /** Spans of the top-level forms, `forms[i]` being form number i + 1 (optional). */
  forms?: Span[];
}

/** Counts by severity over a whole run. */
export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

/** Options shared by reporters; each uses what it needs. */
export interface ReportContext {
  /** Directory paths are made relative to (SARIF URIs, GitHub annotations). */
  cwd: string;
  /** Emit ANSI colours (pretty only). */
  color: boolean;
  /** Version of the tool, for SARIF's tool.driver. */
  toolVersion: string;
  /**
   * Say identical findings of a file once, with the count and lines of the others
   * (pretty and GitHub; JSON and SARIF always list every finding). On unless false.
   */
  group?: boolean;
}

export type Reporter = (results: FileResult[], context: ReportContext) => string;

/** Totals errors, warnings and infos over all files. */
export function summarize(results: FileResult[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0 };
  for (const file of results) {
    for (const d of file.diagnostics) {
      if (d.severity === "error") summary.errors++;
      else if (d.severity === "warning") summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}
