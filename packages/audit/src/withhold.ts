/**
 * What the audit may show of a file. The files named on the command line (the configs and
 * the env file) are the runner's own. Every other file (includes, acl files, ssl_dist.conf)
 * is reached because a config under review points at it, and that config could point at
 * any file the runner can read (`include "/etc/shadow"`). Such a file is shown only when it
 * reads as what EMQX would load it as; otherwise it is reduced to one finding that gives a
 * location and a count, never its bytes: no code frame, no message quoting a token.
 */
import type { Diagnostic } from "@emqx-acl/syntax";

export interface ShownFile {
  path: string;
  text: string;
  diagnostics: Diagnostic[];
  /** True when the text and the findings inside it are withheld (see the module comment). */
  withheld?: boolean;
}

/**
 * The file itself if it may be shown, else its one withheld finding with an empty text.
 * `isReadError` picks the diagnostics that say the file failed to read as its kind (syntax
 * and load errors), as opposed to audit findings about a file that did read.
 */
export function withholdIfNotConfig<T extends ShownFile>(file: T, isReadError: (d: Diagnostic) => boolean): T {
  const errors = file.diagnostics.filter((d) => d.severity === "error" && isReadError(d));
  if (errors.length === 0) return file;
  const first = errors[0];
  const message =
    `${file.path} does not read as EMQX configuration (${errors.length} error${errors.length === 1 ? "" : "s"}, the first here); ` +
    "its content is not shown since the configuration could point at any file; audit or lint it directly to see the details";
  const diagnostic: Diagnostic = { id: first.id, severity: "error", message, range: first.range, term: null };
  return { ...file, text: "", diagnostics: [diagnostic], withheld: true };
}
