/**
 * How large a document the server analyses live. Analysis holds the whole model twice (the
 * LSP thread's parse tree and rule model, the worker's incremental lint state): about
 * 55 MB of heap per MB of text in the worker alone, so a 50 MB document runs V8 out of
 * memory and takes every other open document down with it. 4 MiB is four times the largest
 * realistic file (the 10,000-rule fleet file is 0.9 MB) and keeps a document's analysis
 * around half a gigabyte, well inside V8's default heap. Larger documents stay open (edits
 * still apply, so analysis resumes once one is small enough) but get only a diagnostic
 * saying so; `emqx-acl lint` still checks them.
 */
import { DiagnosticSeverity, type Diagnostic } from "vscode-languageserver";

/** The most characters (UTF-16 code units, what `text.length` counts) analysed live. */
export const MAX_LIVE_CHARS = 4 * 1024 * 1024;

export const TOO_LARGE_CODE = "document-too-large";

export function tooLargeForLiveAnalysis(text: string): boolean {
  return text.length > MAX_LIVE_CHARS;
}

const mib = (chars: number) => `${(chars / (1024 * 1024)).toFixed(1)} MiB`;

/** Why a document gets no analysis, for the user. */
export function tooLargeMessage(chars: number): string {
  return `This document is too large for live analysis: ${chars.toLocaleString("en")} characters (${mib(chars)}), the limit is ${MAX_LIVE_CHARS.toLocaleString("en")} (4 MiB). Run \`emqx-acl lint\` on the file instead; analysis resumes when the document is smaller.`;
}

/** The one diagnostic a too-large document gets, at its start. */
export function tooLargeDiagnostic(chars: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    code: TOO_LARGE_CODE,
    source: "emqx-acl",
    message: tooLargeMessage(chars),
  };
}
