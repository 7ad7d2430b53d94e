/**
 * MySQL / PostgreSQL targets: `seed.sql` (table + multi-row INSERTs, loads into an empty
 * database) and `authz-source.conf` (the source whose query reproduces the file's
 * decisions). EMQX 5/6: raw-rule columns, who in WHERE, `ORDER BY seq`. EMQX 4: the
 * positional `mqtt_acl` layout, `ORDER BY seq DESC` because EMQX 4 evaluates rows last first.
 */
import type { Dialect, Rule } from "@emqx-acl/core";
import { effectiveCidrText, effectivePrefix, networkBytes } from "./ip";
import { commentSafe, mysqlLiteral, pgLiteral, pgTextProblem, sqlIdentifier } from "./literals";
import { authzBlock, hoconString, inserts, type RawExtraKey, type SqlFlavor } from "./sql-common";
import { dropRules, planSqlRows, type SqlRow } from "./sql-rows";
import { planV4Rows, type V4Row } from "./sql-v4-rows";
import type { EmitOptions, EmitResult, Emitter } from "./types";
import { capabilities } from "@emqx-acl/core";

const LIMITS = [
  "EMQX 5 (5.8.9): conditions other than exact username / client id and CIDRs (tested in WHERE)",
  "EMQX 6: client_attr conditions; username regexes unless every rule names a username",
  "{username, \"\"} (a missing username renders as '' in queries)",
  "topic list `all` except as the last catch-all rule (it becomes authorization.no_match)",
  "EMQX 4: regexes, zones, listeners, multi-topic rules with %u; rows skip clients whose username starts with '$'",
  "MySQL, EMQX 6: multi-topic rules with placeholders (one topic per row; PostgreSQL keeps the list in text[])",
  "PostgreSQL: NUL bytes and strings that are not UTF-8",
];

/** The EMQX 5/6 query for our table. */
export function sqlQuery(flavor: SqlFlavor, table: string, extraKeys: readonly RawExtraKey[], withIp: boolean): string {
  // PostgreSQL rows carry the rule's whole topic list (text[] arrives as a list: the raw `topics` key)
  const cols = [
    "permission",
    "action",
    flavor === "postgresql" ? "topics" : "topic",
    "qos",
    "retain",
    ...extraKeys,
    "rule_no",
  ].join(", ");
  const where = ["(username IS NULL OR username = ${username})", "(clientid IS NULL OR clientid = ${clientid})"];
  if (withIp) {
    if (flavor === "postgresql") where.push("(ip_cidr IS NULL OR NULLIF(${peerhost}, '')::inet <<= ip_cidr)");
    else {
      const p = "INET6_ATON(NULLIF(${peerhost}, ''))";
      where.push(
        `(ip_net IS NULL OR (LENGTH(${p}) = LENGTH(ip_net) AND LEFT(${p}, ip_k) = LEFT(ip_net, ip_k)` +
          ` AND (ip_m = 0 OR (ASCII(SUBSTRING(${p}, ip_k + 1, 1)) & ip_m) = ASCII(SUBSTRING(ip_net, ip_k + 1, 1)))))`,
      );
    }
  }
  return `SELECT ${cols} FROM ${table} WHERE ${where.join(" AND ")} ORDER BY seq`;
}

/** The EMQX 4 query (quoted `'%u'` placeholders become bind parameters). */
export function sqlQueryV4(table: string): string {
  return (
    `select allow, ipaddr, username, clientid, access, topic from ${table}` +
    ` where username = '$all' or ((username is null or username = '%u') and (clientid is null or clientid = '%c')) order by seq desc`
  );
}

function ipColumns(row: SqlRow, flavor: SqlFlavor, lit: (b: string | null) => string): string[] {
  if (flavor === "postgresql") return [row.cidr ? `'${effectiveCidrText(row.cidr)}'` : "NULL"];
  if (!row.cidr) return ["NULL", "NULL", "NULL"];
  const prefix = effectivePrefix(row.cidr)!;
  const k = Math.floor(prefix / 8);
  const m = prefix % 8 ? (0xff << (8 - (prefix % 8))) & 0xff : 0;
  return [lit(String.fromCharCode(...networkBytes(row.cidr))), String(k), String(m)];
}

/**
 * The column type of a name column holding `values`: MySQL's VARBINARY(2048) (strict mode
 * refuses longer values, a lax server cuts them: another client's rule), BLOB above that
 * (up to 65,535 bytes, MQTT's own limit for a string; longer ones are refused). PostgreSQL
 * stores any length in text.
 */
function nameColumn(flavor: SqlFlavor, values: (string | null)[]): string {
  if (flavor === "postgresql") return "text";
  return values.some((v) => v !== null && v.length > 2048) ? "BLOB" : "VARBINARY(2048)";
}

/** MySQL's BLOB, and MQTT's limit for a string (no client sends a longer name or topic). */
const MYSQL_BLOB_BYTES = 65535;

/**
 * PostgreSQL's btree index refuses an entry above ~2,700 bytes (a third of a page): a
 * column with a value near that is indexed by hash, which has no such limit and serves the
 * equality EMQX's query tests.
 */
function pgIndex(table: string, column: string, values: (string | null)[]): string {
  const long = values.some((v) => v !== null && v.length > 2000);
  return `CREATE INDEX ON ${table}${long ? " USING hash" : ""} (${column});`;
}

function v5Seed(flavor: SqlFlavor, table: string, rows: SqlRow[], extraKeys: RawExtraKey[], header: string): string {
  const my = flavor === "mysql";
  const lit = my ? mysqlLiteral : pgLiteral;
  const usernames = rows.map((r) => r.username);
  const clientids = rows.map((r) => r.clientid);
  const blob = my ? "BLOB" : "text";
  const ip = my
    ? ["ip_net VARBINARY(16) NULL", "ip_k TINYINT UNSIGNED NULL", "ip_m TINYINT UNSIGNED NULL"]
    : ["ip_cidr cidr NULL"];
  const ddl = [
    "seq INTEGER NOT NULL PRIMARY KEY",
    "rule_no INTEGER NOT NULL",
    `username ${nameColumn(flavor, usernames)} NULL`,
    `clientid ${nameColumn(flavor, clientids)} NULL`,
    "cidr_text VARCHAR(64) NULL",
    ...ip,
    "permission VARCHAR(5) NOT NULL",
    "action VARCHAR(9) NOT NULL",
    my ? "topic BLOB NOT NULL" : "topics text[] NOT NULL",
    "qos VARCHAR(5) NULL",
    "retain SMALLINT NULL",
    ...extraKeys.map((k) => `${k} ${blob} NOT NULL`),
  ];
  const cols = [
    "seq",
    "rule_no",
    "username",
    "clientid",
    "cidr_text",
    ...(my ? ["ip_net", "ip_k", "ip_m"] : ["ip_cidr"]),
    "permission",
    "action",
    my ? "topic" : "topics",
    "qos",
    "retain",
    ...extraKeys,
  ];
  const values = rows.map((r) => [
    String(r.seq),
    String(r.ruleNo),
    lit(r.username),
    lit(r.clientid),
    r.cidr ? lit(r.cidr.text) : "NULL",
    ...ipColumns(r, flavor, lit),
    `'${r.permission}'`,
    `'${r.action}'`,
    my ? lit(r.topics[0]) : `ARRAY[${r.topics.map((t) => lit(t)).join(", ")}]::text[]`,
    r.qos === null ? "NULL" : `'${r.qos}'`,
    r.retain === null ? "NULL" : String(r.retain),
    ...extraKeys.map((k) => lit(r.extra[k]!)),
  ]);
  const prelude = my
    ? ["SET NAMES utf8mb4;"]
    : ["SET standard_conforming_strings = on;", "SET client_encoding = 'UTF8';"];
  const suffix = my ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" : "";
  const idx = my ? ",\n  INDEX (username(255)),\n  INDEX (clientid(255))" : "";
  // PostgreSQL loads in one transaction; MySQL DDL commits by itself, so only the rows do
  return [
    header,
    ...prelude,
    my ? "" : "BEGIN;",
    `CREATE TABLE ${table} (\n  ${ddl.join(",\n  ")}${idx}\n)${suffix};`,
    my ? "START TRANSACTION;" : `${pgIndex(table, "username", usernames)}\n${pgIndex(table, "clientid", clientids)}`,
    inserts(table, cols, values),
    "COMMIT;",
    "",
  ].join("\n");
}

function v4Seed(flavor: SqlFlavor, table: string, rows: V4Row[], header: string): string {
  const my = flavor === "mysql";
  const lit = my ? mysqlLiteral : pgLiteral;
  const usernames = rows.map((r) => r.username);
  const clientids = rows.map((r) => r.clientid);
  const ddl = [
    "seq INTEGER NOT NULL PRIMARY KEY",
    "rule_no INTEGER NOT NULL",
    "allow INTEGER NOT NULL",
    "ipaddr VARCHAR(60) NULL",
    `username ${nameColumn(flavor, usernames)} NULL`,
    `clientid ${nameColumn(flavor, clientids)} NULL`,
    "access INTEGER NOT NULL",
    `topic ${my ? "BLOB" : "text"} NOT NULL`,
  ];
  const values = rows.map((r) => [
    String(r.seq),
    String(r.ruleNo),
    String(r.allow),
    r.ipaddr === null ? "NULL" : lit(r.ipaddr),
    lit(r.username),
    lit(r.clientid),
    String(r.access),
    lit(r.topic),
  ]);
  const prelude = my
    ? ["SET NAMES utf8mb4;"]
    : ["SET standard_conforming_strings = on;", "SET client_encoding = 'UTF8';"];
  return [
    header,
    ...prelude,
    my ? "" : "BEGIN;",
    `CREATE TABLE ${table} (\n  ${ddl.join(",\n  ")}\n)${my ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" : ""};`,
    my ? "START TRANSACTION;" : "",
    inserts(table, ["seq", "rule_no", "allow", "ipaddr", "username", "clientid", "access", "topic"], values),
    "COMMIT;",
    "",
  ].join("\n");
}

function v4Conf(flavor: SqlFlavor, query: string): string {
  const plugin = flavor === "mysql" ? "mysql" : "pgsql";
  return [
    `# etc/plugins/emqx_auth_${plugin}.conf (EMQX 4): rows are evaluated last-first, hence ORDER BY seq DESC`,
    `auth.${plugin}.acl_query = ${query}`,
    "",
  ].join("\n");
}

function emitSql(flavor: SqlFlavor, rules: readonly Rule[], options: EmitOptions): EmitResult {
  const target: Dialect = options.targetDialect ?? options.dialect;
  const id = sqlIdentifier(options.table ?? "mqtt_acl", flavor);
  if (!id.ok) throw new Error(id.message);
  const header = `-- ${commentSafe(`emqx-acl compile${options.sourceName ? ` ${options.sourceName}` : ""} --to ${flavor} --emqx ${target.slice(1)}`)}`;
  const textCheck = (values: (string | null)[]) => {
    for (const v of values) {
      if (v === null) continue;
      if (flavor === "postgresql" && pgTextProblem(v)) return pgTextProblem(v);
      if (flavor === "mysql" && v.length > MYSQL_BLOB_BYTES)
        return `a value of ${v.length} bytes: a MySQL BLOB column holds at most 65,535 (MQTT's own limit for a string, so no client sends it)`;
    }
    return null;
  };
  if (capabilities(target).backendRules === "plugin-rows") {
    if (capabilities(options.dialect).backendRules !== "plugin-rows")
      throw new Error("EMQX 4 tables can only be made from an EMQX 4 file (use --to acl first)");
    const plan = planV4Rows(rules);
    const bad = new Map<number, string>();
    for (const r of plan.rows) {
      const p = textCheck([r.username, r.clientid, r.topic]);
      if (p && !bad.has(r.ruleNo)) bad.set(r.ruleNo, p);
    }
    const byIndex = new Map(rules.map((r) => [r.index, r]));
    const refusals = [
      ...plan.refusals,
      ...[...bad].map(([n, reason]) => ({ rule: n, start: byIndex.get(n)!.start, reason })),
    ];
    const rows = plan.rows.filter((r) => !bad.has(r.ruleNo)).map((r, i) => ({ ...r, seq: i + 1 }));
    const query = sqlQueryV4(id.text);
    return {
      files: [
        { name: "seed.sql", content: v4Seed(flavor, id.text, rows, header) },
        { name: "authz-source.conf", content: v4Conf(flavor, query) },
      ],
      refusals: refusals.sort((a, b) => a.rule - b.rule),
      notes: plan.notes,
      noMatch: null,
    };
  }
  if (capabilities(options.dialect).backendRules === "plugin-rows")
    throw new Error("an EMQX 4 file must be migrated first: --to acl --emqx 5, then compile that");
  let plan = planSqlRows(rules, options.dialect, target, flavor === "postgresql");
  plan = dropRules(plan, rules, (r) => textCheck([r.username, r.clientid, ...r.topics, ...Object.values(r.extra)]));
  const withIp = plan.rows.some((r) => r.cidr !== null);
  const query = sqlQuery(flavor, id.text, plan.extraKeys, withIp);
  const source: Record<string, string> = {
    type: flavor,
    enable: "true",
    server: hoconString(flavor === "mysql" ? "127.0.0.1:3306" : "127.0.0.1:5432"),
    database: hoconString("mqtt"),
    username: hoconString(flavor === "mysql" ? "root" : "postgres"),
    password: hoconString(""),
    query: hoconString(query),
  };
  return {
    files: [
      { name: "seed.sql", content: v5Seed(flavor, id.text, plan.rows, plan.extraKeys, header) },
      {
        name: "authz-source.conf",
        content: authzBlock(source, plan.noMatch, [
          `${header.slice(3)}: ${plan.rows.length} rows`,
          "first matching row wins (ORDER BY seq)",
        ]),
      },
    ],
    refusals: plan.refusals.sort((a, b) => a.rule - b.rule),
    notes: plan.notes,
    noMatch: plan.noMatch,
  };
}

export const mysqlEmitter: Emitter = { name: "mysql", limits: LIMITS, emit: (r, o) => emitSql("mysql", r, o) };
export const postgresqlEmitter: Emitter = {
  name: "postgresql",
  limits: LIMITS,
  emit: (r, o) => emitSql("postgresql", r, o),
};
