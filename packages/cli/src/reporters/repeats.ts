/**
 * Identical findings in one file (same id, severity and message) said once: a fleet-shaped
 * file of 10k rules has ~7,400 `placeholder-wildcard-injection` warnings with a handful of
 * distinct messages, which buried everything else in pretty output (39k lines) and ran far
 * past GitHub's per-step annotation limit. The human formats show each distinct finding at
 * its first place with the count and lines of the others; JSON and SARIF keep every one.
 */
import type { Diagnostic } from "@emqx-acl/syntax";

/** A finding and the later findings identical to it, in document order. */
export interface Repeated {
  first: Diagnostic;
  more: Diagnostic[];
}

/** The file's diagnostics grouped by (id, severity, message), ordered by first occurrence. */
export function groupRepeats(diagnostics: readonly Diagnostic[]): Repeated[] {
  const byKey = new Map<string, Repeated>();
  const out: Repeated[] = [];
  for (const d of diagnostics) {
    const key = `${d.id}\u0000${d.severity}\u0000${d.message}`;
    const g = byKey.get(key);
    if (g) g.more.push(d);
    else {
      const fresh = { first: d, more: [] };
      byKey.set(key, fresh);
      out.push(fresh);
    }
  }
  return out;
}

/** Lines (1-based) of a group's other findings listed before "…". */
const LISTED = 8;

/** `N more identical findings in this file, at lines a, b, … and K more`; "" when none. */
export function repeatsNote(g: Repeated): string {
  const n = g.more.length;
  if (n === 0) return "";
  const lines = g.more.slice(0, LISTED).map((d) => d.range.start.line + 1);
  const rest = n > LISTED ? `, … (${n - LISTED} more)` : "";
  return `${n} more identical finding${n === 1 ? "" : "s"} in this file, at line${n === 1 ? "" : "s"} ${lines.join(", ")}${rest}`;
}

/** Each group as one entry (grouping on), or every diagnostic alone (off). */
export function entries(diagnostics: readonly Diagnostic[], group: boolean): Repeated[] {
  return group ? groupRepeats(diagnostics) : diagnostics.map((d) => ({ first: d, more: [] }));
}
