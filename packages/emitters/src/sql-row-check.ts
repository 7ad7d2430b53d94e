/**
 * Checks one row read back from a live table before it becomes a rule: each column EMQX
 * (or our WHERE clause) reads must hold a kind of value EMQX reads as we do, and the
 * CIDR our layout stores as text must parse as EMQX parses it and name the very range the
 * query tests. Returns why the row is refused, or null.
 */
import { parseCidr, type Cidr } from "@emqx-acl/core";
import { effectiveCidrText } from "./ip";
import type { RawRule, RawValue } from "./raw-rule";
import type { ColumnKind, ValueKind } from "./sql-column-kinds";
import type { RowChecks } from "./sql-import";

/** Raw-rule keys EMQX 5/6 reads from a row (the rest of our columns are ignored by EMQX). */
const RAW_KEYS = [
  "permission",
  "action",
  "topic",
  "topics",
  "qos",
  "retain",
  "clientid_re",
  "ipaddr",
  "listener",
  "listener_re",
  "username_re",
  "zone",
  "zone_re",
];
/** Our layout's WHERE columns: compared with the client's text, so they must be text. */
const WHO_COLUMNS = ["username", "clientid", "cidr_text"];
/** EMQX 4's positional columns: which must be text and which may be integers. */
const V4_TEXT = ["ipaddr", "username", "clientid", "topic"];
const V4_NUMBER = ["allow", "access"];

const PARSED_KINDS: ValueKind[] = ["text", "integer", "boolean", "list", "null"];

function kindProblem(col: ColumnKind | undefined, v: RawValue, allowed: ValueKind[]): string | null {
  if (!col || v === null || v === undefined || allowed.includes(col.kind)) return null;
  if (col.kind === "integer" || col.kind === "boolean") {
    return `column ${col.name} holds a ${col.kind === "integer" ? "number" : "boolean"} (${String(v)}), not text: the database compares it with the client's value as a ${col.kind === "integer" ? "number" : "boolean"}, which no acl.conf rule says`;
  }
  return `column ${col.name} has type ${col.typeName}, which EMQX's driver does not read as text or an integer (${JSON.stringify(typeof v === "string" ? v : String(v))}); store it as text or an integer`;
}

/** The first column of the groups whose kind EMQX would not read as the group allows, or null. */
function columnsProblem(
  row: RawRule,
  columns: ColumnKind[],
  ...groups: [readonly string[], ValueKind[]][]
): string | null {
  const byName = new Map(columns.map((c) => [c.name, c]));
  for (const [keys, allowed] of groups)
    for (const k of keys) {
      const p = kindProblem(byName.get(k), row[k], allowed);
      if (p) return p;
    }
  return null;
}

/** The range our MySQL columns make the query test: `ip_net` bytes, `ip_k` whole bytes, `ip_m` mask of the next. */
function mysqlRange(net: RawValue, k: RawValue, m: RawValue): { family: 4 | 6; network: bigint; mask: bigint } | null {
  if (typeof net !== "string" || typeof k !== "number" || typeof m !== "number") return null;
  const bits = net.length === 4 ? 32 : net.length === 16 ? 128 : 0;
  if (
    bits === 0 ||
    k < 0 ||
    k * 8 > bits ||
    ![0, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe].includes(m) ||
    (m !== 0 && k * 8 === bits)
  )
    return null;
  const prefix = k * 8 + (m === 0 ? 0 : 8 - Math.log2((~m & 0xff) + 1));
  const full = (1n << BigInt(bits)) - 1n;
  const mask = (full << BigInt(bits - prefix)) & full;
  let value = 0n;
  for (let i = 0; i < net.length; i++) value = (value << 8n) | BigInt(net.charCodeAt(i) & 0xff);
  return { family: bits === 32 ? 4 : 6, network: value & mask, mask };
}

function rangeText(r: { family: 4 | 6; network: bigint; mask: bigint }): string {
  return (
    effectiveCidrText({ family: r.family, network: r.network, mask: r.mask, prefixLength: 0, text: "" } as Cidr) ?? "?"
  );
}

/** The CIDR columns of our layout: `cidr_text` becomes the rule's `{ipaddr, …}`, the others are what the query tests. */
function cidrProblem(row: RawRule): string | null {
  const text = row.cidr_text;
  let cidr: Cidr | null = null;
  if (typeof text === "string") {
    const p = parseCidr(text);
    if (!p.ok) return `cidr_text ${JSON.stringify(text)}: ${p.message}; EMQX would refuse the imported {ipaddr, …}`;
    cidr = p.cidr;
  }
  let tested: { family: 4 | 6; network: bigint; mask: bigint } | null = null;
  let where: string;
  if ("ip_cidr" in row) {
    where = "ip_cidr";
    if (typeof row.ip_cidr === "string") {
      const p = parseCidr(row.ip_cidr);
      if (!p.ok) return `ip_cidr ${JSON.stringify(row.ip_cidr)} is not a CIDR EMQX reads`;
      tested = p.cidr;
    }
  } else if ("ip_net" in row) {
    where = "ip_net/ip_k/ip_m";
    if (row.ip_net !== null && row.ip_net !== undefined) {
      tested = mysqlRange(row.ip_net, row.ip_k, row.ip_m);
      if (!tested) return `ip_net/ip_k/ip_m do not describe an address range`;
    }
  } else return null; // no range columns: only cidr_text, as in a dump of another layout
  if (!cidr && !tested) return null;
  const shown = tested ? `${where} ${rangeText(tested)}` : `${where} NULL`;
  if (!cidr) return `cidr_text is NULL but the query tests an address range (${shown})`;
  if (!tested || tested.family !== cidr.family || tested.mask !== cidr.mask || tested.network !== cidr.network) {
    return `cidr_text ${JSON.stringify(text)} is not the range the query tests (${shown})`;
  }
  return null;
}

/** Why a row of our EMQX 5/6 layout cannot be imported as EMQX reads it, or null. */
export function v5RowProblem(row: RawRule, columns: ColumnKind[]): string | null {
  return columnsProblem(row, columns, [WHO_COLUMNS, ["text", "null"]], [RAW_KEYS, PARSED_KINDS]) ?? cidrProblem(row);
}

/** Why an EMQX 4 row cannot be imported as EMQX 4 reads it, or null. */
export function v4RowProblem(row: RawRule, columns: ColumnKind[]): string | null {
  return columnsProblem(row, columns, [V4_TEXT, ["text", "null"]], [V4_NUMBER, ["text", "integer", "null"]]);
}

/** Column kinds read off one row's own values (a seed file has literals, not column types). */
export function valueKinds(row: RawRule): ColumnKind[] {
  return Object.entries(row).map(([name, v]) => {
    const kind: ValueKind =
      v === null || v === undefined
        ? "null"
        : typeof v === "number"
          ? "integer"
          : typeof v === "boolean"
            ? "boolean"
            : Array.isArray(v)
              ? "list"
              : "text";
    return { name, kind, typeName: kind };
  });
}

/** Row names with the ordering column (`row 3 (seq 7)`) and each row's problem, computed once. */
export function rowChecks(rows: RawRule[], orderColumn: string, problem: (row: RawRule) => string | null): RowChecks {
  const problems = rows.map(problem);
  return {
    label: (i) => {
      const v = rows[i][orderColumn];
      return typeof v === "number" || typeof v === "string" ? `row ${i + 1} (${orderColumn} ${v})` : `row ${i + 1}`;
    },
    problem: (i) => problems[i],
  };
}
