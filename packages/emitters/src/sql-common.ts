/** Shared pieces of the MySQL and PostgreSQL emitters: batching, HOCON strings. */
import { commentSafe } from "./literals";

export type SqlFlavor = "mysql" | "postgresql";

/** Multi-row INSERTs of at most `batch` rows each. */
export function inserts(table: string, columns: string[], rows: string[][], batch = 500): string {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch).map((r) => `  (${r.join(", ")})`);
    out.push(`INSERT INTO ${table} (${columns.join(", ")}) VALUES\n${chunk.join(",\n")};`);
  }
  return out.join("\n");
}

/** A HOCON quoted string (HOCON accepts JSON string escapes). */
export function hoconString(s: string): string {
  return JSON.stringify(s);
}

/** The `authorization { … }` block of an EMQX 5/6 configuration for one source. */
export function authzBlock(source: Record<string, string>, noMatch: string | null, comment: string[]): string {
  const lines = comment.map((c) => `# ${commentSafe(c)}`);
  lines.push("authorization {");
  if (noMatch) lines.push(`  # the file's trailing catch-all rule`, `  no_match = ${noMatch}`);
  lines.push("  sources = [", "    {");
  for (const [k, v] of Object.entries(source)) lines.push(`      ${k} = ${v}`);
  lines.push("    }", "  ]", "}");
  return `${lines.join("\n")}\n`;
}

/** SQL column names as EMQX 5/6 reads them (raw-rule keys) plus our bookkeeping. */
export const RAW_EXTRA_KEYS = ["username_re", "clientid_re", "zone_re", "listener_re"] as const;
export type RawExtraKey = (typeof RAW_EXTRA_KEYS)[number];
