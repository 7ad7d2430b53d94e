/**
 * SQL rows → acl.conf text (the `import --from mysql|postgresql` core). EMQX 5/6 rows of
 * our layout: `username`/`clientid`/`ipaddr` columns are the WHERE conditions (NULL = any)
 * and the rest is the raw-rule format; EMQX 4 rows are positional and run last-first.
 */
import type { Dialect } from "@emqx-acl/core";
import { commentSafe, erlText, exactRegex } from "./literals";
import { rawRuleToTerm, v4RowToTerm, type RawRule, type RawValue } from "./raw-rule";

export interface ImportedAcl {
  /** The acl.conf text. */
  text: string;
  /** Rows EMQX would refuse (each names its position and reason). */
  errors: string[];
  /** For each emitted term (1-based rule number − 1): the row it came from (0-based). */
  rowOf: number[];
}

/** What the live reader learned about each row (by 0-based result position). */
export interface RowChecks {
  /** How to name the row in a message, e.g. `row 3 (seq 7)`. */
  label(i: number): string;
  /** Why EMQX would read the row differently from the rule we would print, or null. */
  problem(i: number): string | null;
}

const plainLabels: RowChecks = { label: (i) => `row ${i + 1}`, problem: () => null };

/** The WHERE-clause conditions of one row of our EMQX 5/6 layout, as terms. */
export function queryConditions(row: RawRule, dialect: Dialect): string[] {
  const out: string[] = [];
  if (typeof row.username === "string") out.push(`{username, ${erlText(row.username, dialect)}}`);
  if (typeof row.clientid === "string") out.push(`{clientid, ${erlText(row.clientid, dialect)}}`);
  if (typeof row.cidr_text === "string") out.push(`{ipaddr, ${erlText(row.cidr_text, dialect)}}`);
  return out;
}

/** Drops raw keys our emitter filled with always-true values, so the output reads well. */
function withoutFillers(row: RawRule): RawRule {
  const r = { ...row };
  for (const k of ["clientid_re", "zone_re", "listener_re"]) if (r[k] === "^") delete r[k];
  if (typeof r.username === "string" && r.username_re === exactRegex(r.username)) delete r.username_re;
  return r;
}

/** Terms → acl.conf text with a header comment. */
export function aclText(header: string[], terms: string[], noMatch?: "allow" | "deny" | null): string {
  const lines = header.map((h) => `%% ${commentSafe(h)}`);
  for (const t of terms) lines.push(`${t}.`);
  if (noMatch) lines.push(`%% the source's authorization.no_match`, `{${noMatch}, all}.`);
  return `${lines.join("\n")}\n`;
}

/**
 * EMQX 5/6 rows (in result order) → acl.conf. `layout: "ours"` reads the who columns of
 * the table `compile` made; `"query"` takes rows exactly as the source query returned them.
 */
export function sqlRowsToAcl(
  rows: RawRule[],
  dialect: Dialect,
  layout: "ours" | "query",
  header: string[],
  noMatch?: "allow" | "deny" | null,
  checks: RowChecks = plainLabels,
): ImportedAcl {
  const terms: string[] = [];
  const errors: string[] = [];
  const rowOf: number[] = [];
  rows.forEach((raw, i) => {
    const problem = checks.problem(i);
    if (problem) {
      errors.push(`${checks.label(i)}: ${problem}`);
      return;
    }
    const row = layout === "ours" ? withoutFillers(raw) : raw;
    const r = rawRuleToTerm(row, dialect, layout === "ours" ? queryConditions(row, dialect) : []);
    if (r.ok) {
      terms.push(r.term);
      rowOf.push(i);
    } else errors.push(`${checks.label(i)}: ${r.reason}`);
  });
  return { text: aclText(header, terms, noMatch), errors, rowOf };
}

/** EMQX 4 positional rows in result order → acl.conf in evaluation order (last row first). */
export function v4RowsToAcl(rows: RawValue[][], header: string[], checks: RowChecks = plainLabels): ImportedAcl {
  const terms: string[] = [];
  const errors: string[] = [];
  const rowOf: number[] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    const problem = checks.problem(i);
    const r = problem ? { ok: false as const, reason: problem } : v4RowToTerm(rows[i]);
    if (r.ok) {
      terms.push(r.term);
      rowOf.push(i);
    } else errors.push(`${checks.label(i)}: ${r.reason} (EMQX 4 ignores the whole table for every request)`);
  }
  return { text: aclText(header, terms), errors, rowOf };
}
