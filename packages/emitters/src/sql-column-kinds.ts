/**
 * What kind of value each result column holds, from the driver's column metadata: the
 * import only trusts kinds that EMQX's own drivers (mysql-otp, epgsql) hand to the rule
 * parser the same way ours do. Anything else (floats, decimals, JSON, dates, inet…) may
 * read differently in EMQX (`1.0` is not a QoS), so rows using it are refused.
 */
import mysql from "mysql2/promise";

/** `text`: byte strings; `list`: PostgreSQL text arrays; `other`: not trusted. */
export type ValueKind = "text" | "integer" | "boolean" | "list" | "null" | "other";

export interface ColumnKind {
  name: string;
  kind: ValueKind;
  /** The database's name for the type, for messages. */
  typeName: string;
}

// mysql2 column type codes (protocol constants)
const MYSQL_TEXT = new Set([15, 247, 248, 249, 250, 251, 252, 253, 254]); // VARCHAR, ENUM, SET, BLOBs, VAR_STRING, STRING
const MYSQL_INTEGER = new Set([1, 2, 3, 8, 9]); // TINY, SHORT, LONG, LONGLONG, INT24
const MYSQL_NULL = 6;

/** Kinds of the columns of a mysql2 result. */
export function mysqlColumnKinds(fields: { name: string; columnType?: number; type?: number }[]): ColumnKind[] {
  const names = mysql.Types as unknown as Record<number, string>;
  return fields.map((f) => {
    const code = f.columnType ?? f.type ?? -1;
    const kind: ValueKind = MYSQL_TEXT.has(code)
      ? "text"
      : MYSQL_INTEGER.has(code)
        ? "integer"
        : code === MYSQL_NULL
          ? "null"
          : "other";
    return { name: f.name, kind, typeName: names[code] ?? `type ${code}` };
  });
}

// PostgreSQL type OIDs (pg_type) of the kinds we trust, and names for common others
const PG_KINDS: Record<number, [ValueKind, string]> = {
  16: ["boolean", "boolean"],
  17: ["text", "bytea"],
  19: ["text", "name"],
  20: ["integer", "bigint"],
  21: ["integer", "smallint"],
  23: ["integer", "integer"],
  25: ["text", "text"],
  1042: ["text", "character"],
  1043: ["text", "character varying"],
  1009: ["list", "text[]"],
  1014: ["list", "character[]"],
  1015: ["list", "character varying[]"],
  114: ["other", "json"],
  3802: ["other", "jsonb"],
  650: ["other", "cidr"],
  869: ["other", "inet"],
  700: ["other", "real"],
  701: ["other", "double precision"],
  1700: ["other", "numeric"],
};

/** Kinds of the columns of a node-postgres result. */
export function pgColumnKinds(fields: { name: string; dataTypeID: number }[]): ColumnKind[] {
  return fields.map((f) => {
    const [kind, typeName] = PG_KINDS[f.dataTypeID] ?? (["other", `type oid ${f.dataTypeID}`] as const);
    return { name: f.name, kind, typeName };
  });
}
