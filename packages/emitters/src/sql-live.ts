/**
 * Reading rules from a live MySQL/MariaDB or PostgreSQL server (`import --url`). Values
 * arrive as byte strings: binary columns byte for byte, text columns as UTF-8.
 */
import { capabilities, toBytes, type Dialect } from "@emqx-acl/core";
import mysql from "mysql2/promise";
import pg from "pg";
import type { RawRule, RawValue } from "./raw-rule";
import { mysqlColumnKinds, pgColumnKinds, type ColumnKind } from "./sql-column-kinds";
import { sqlIdentifier } from "./literals";
import { sqlRowsToAcl, v4RowsToAcl, type ImportedAcl } from "./sql-import";
import { rowChecks, v4RowProblem, v5RowProblem } from "./sql-row-check";

/** A driver value → a raw value (Buffer → bytes, text → UTF-8 bytes). */
export function rawValue(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v.toString("latin1");
  if (typeof v === "string") return toBytes(v);
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(rawValue);
  return String(v);
}

export function rawRow(row: Record<string, unknown>): RawRule {
  const out: RawRule = {};
  for (const [k, v] of Object.entries(row)) out[k] = rawValue(v);
  return out;
}

/**
 * How long a server may take to connect or to answer one statement (ms): a server that
 * accepts the connection and never answers must end the import with an error, not hang it.
 */
export const DEFAULT_NETWORK_TIMEOUT_MS = 30_000;

/** Runs one statement and returns rows as raw maps (column order kept). */
export async function sqlSelect(
  flavor: "mysql" | "postgresql",
  url: string,
  sql: string,
  params: unknown[] = [],
  timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS,
): Promise<RawRule[]> {
  return (await sqlSelectWithKinds(flavor, url, sql, params, timeoutMs)).rows;
}

/** Runs one statement; the rows and what kind of value each column holds. */
export async function sqlSelectWithKinds(
  flavor: "mysql" | "postgresql",
  url: string,
  sql: string,
  params: unknown[] = [],
  timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS,
): Promise<{ rows: RawRule[]; columns: ColumnKind[] }> {
  if (flavor === "mysql") {
    const conn = await mysql.createConnection({ uri: url, charset: "utf8mb4", connectTimeout: timeoutMs });
    try {
      const [rows, fields] = await conn.query({ sql, values: params, timeout: timeoutMs });
      return { rows: (rows as Record<string, unknown>[]).map(rawRow), columns: mysqlColumnKinds(fields ?? []) };
    } finally {
      conn.destroy();
    }
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  await client.connect();
  try {
    const res = await client.query(sql, params);
    return { rows: res.rows.map(rawRow), columns: pgColumnKinds(res.fields) };
  } finally {
    await closePg(client);
  }
}

/** Ends a session politely, but never waits more than a second for a server that stopped answering. */
async function closePg(client: pg.Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((res) => (timer = setTimeout(res, 1000)));
  await Promise.race([client.end().catch(() => undefined), late]);
  clearTimeout(timer);
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}

/** Imports the rules `compile` stored in `table` (or an EMQX 4 `mqtt_acl` table). */
export async function importSql(
  flavor: "mysql" | "postgresql",
  url: string,
  table: string,
  dialect: Dialect,
  noMatch?: "allow" | "deny" | null,
  timeoutMs = DEFAULT_NETWORK_TIMEOUT_MS,
): Promise<ImportedAcl> {
  const id = sqlIdentifier(table, flavor);
  if (!id.ok) throw new Error(id.message);
  const q = id.text;
  const header = [`imported by emqx-acl from ${flavor} table ${table} (EMQX ${dialect.slice(1)})`];
  if (capabilities(dialect).backendRules === "plugin-rows") {
    const order = (await hasColumn(flavor, url, table, "seq", timeoutMs)) ? "seq" : "id";
    const { rows, columns } = await sqlSelectWithKinds(
      flavor,
      url,
      `SELECT allow, ipaddr, username, clientid, access, topic, ${order} FROM ${q} ORDER BY ${order} DESC`,
      [],
      timeoutMs,
    );
    const positional = rows.map((r) => ["allow", "ipaddr", "username", "clientid", "access", "topic"].map((k) => r[k]));
    const checks = rowChecks(rows, order, (r) => v4RowProblem(r, columns));
    return v4RowsToAcl(
      positional,
      [...header, "EMQX 4 evaluates the rows last-first; this file lists them in evaluation order"],
      checks,
    );
  }
  const { rows, columns } = await sqlSelectWithKinds(flavor, url, `SELECT * FROM ${q} ORDER BY seq`, [], timeoutMs);
  if (!noMatch) header.push("authorization.no_match is not stored in the table: pass --nomatch to add it");
  return sqlRowsToAcl(
    rows,
    dialect,
    "ours",
    header,
    noMatch,
    rowChecks(rows, "seq", (r) => v5RowProblem(r, columns)),
  );
}

async function hasColumn(
  flavor: "mysql" | "postgresql",
  url: string,
  table: string,
  column: string,
  timeoutMs: number,
): Promise<boolean> {
  const sql =
    flavor === "mysql"
      ? "SELECT 1 AS x FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?"
      : "SELECT 1 AS x FROM information_schema.columns WHERE table_name = $1 AND column_name = $2";
  return (await sqlSelect(flavor, url, sql, [table, column], timeoutMs)).length > 0;
}

/** One open connection: `run` executes a prepared statement with bind parameters. */
export interface SqlConnection {
  run(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Opens one connection (prepared statements, as EMQX uses them); `timeoutMs` bounds connecting and each statement. */
export async function sqlConnect(
  flavor: "mysql" | "postgresql",
  url: string,
  timeoutMs?: number,
): Promise<SqlConnection> {
  if (flavor === "mysql") {
    const conn = await mysql.createConnection({
      uri: url,
      charset: "utf8mb4",
      ...(timeoutMs ? { connectTimeout: timeoutMs } : {}),
    });
    return {
      run: async (sql, p) =>
        (await conn.execute({ sql, ...(timeoutMs ? { timeout: timeoutMs } : {}) }, p as never))[0] as Record<
          string,
          unknown
        >[],
      close: () => conn.end(),
    };
  }
  const client = new pg.Client({
    connectionString: url,
    ...(timeoutMs ? { connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs } : {}),
  });
  await client.connect();
  return {
    run: async (sql, p) => (await client.query(sql, p)).rows,
    close: () => (timeoutMs ? closePg(client) : client.end()),
  };
}
