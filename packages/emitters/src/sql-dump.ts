/**
 * Reading the rows of a SQL file (the `seed.sql` `compile` writes, or any file of plain
 * `INSERT INTO t (cols) VALUES (…), …;` statements) without a server: `import FILE`.
 * Values: NULL, integers, 'quoted' strings ('' doubled; MySQL also backslash escapes),
 * X'hex' (MySQL), ARRAY['…', …]::text[] (PostgreSQL).
 */
import { capabilities, toBytes, type Dialect } from "@emqx-acl/core";
import type { RawRule, RawValue } from "./raw-rule";
import { tableNameProblem } from "./literals";
import { sqlRowsToAcl, v4RowsToAcl, type ImportedAcl } from "./sql-import";
import { rowChecks, v4RowProblem, v5RowProblem, valueKinds } from "./sql-row-check";

const ESC: Record<string, string> = { n: "\n", r: "\r", t: "\t", "0": "\0", b: "\b", Z: "\x1a" };

class Scanner {
  i = 0;
  constructor(
    readonly s: string,
    readonly mysql: boolean,
  ) {}
  ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  fail(what: string): never {
    const line = this.s.slice(0, this.i).split("\n").length;
    throw new Error(`line ${line}: expected ${what}`);
  }
  eat(ch: string): boolean {
    this.ws();
    if (this.s.startsWith(ch, this.i)) {
      this.i += ch.length;
      return true;
    }
    return false;
  }
  quoted(): string {
    let out = "";
    this.i++; // opening quote
    for (;;) {
      if (this.i >= this.s.length) this.fail("a closing quote");
      const c = this.s[this.i++];
      if (c === "'") {
        if (this.s[this.i] === "'") ((out += "'"), this.i++);
        else return out;
      } else if (c === "\\" && this.mysql) {
        const n = this.s[this.i++];
        out += ESC[n] ?? n;
      } else out += c;
    }
  }
  value(): RawValue {
    this.ws();
    const rest = this.s.slice(this.i, this.i + 6).toUpperCase();
    if (rest.startsWith("NULL")) return ((this.i += 4), null);
    if (/^X'/i.test(this.s.slice(this.i, this.i + 2))) {
      this.i++;
      const hex = this.quoted();
      return Buffer.from(hex, "hex").toString("latin1");
    }
    if (this.s[this.i] === "'") return toBytes(this.quoted());
    if (rest.startsWith("ARRAY[")) {
      this.i += 6;
      const items: RawValue[] = [];
      if (!this.eat("]")) {
        do items.push(this.value());
        while (this.eat(","));
        if (!this.eat("]")) this.fail("']'");
      }
      this.eat("::text[]");
      return items;
    }
    const m = /^-?[0-9]+/.exec(this.s.slice(this.i, this.i + 24));
    if (!m) this.fail("a value (NULL, number, 'string', X'hex', ARRAY[…])");
    this.i += m[0].length;
    return Number(m[0]);
  }
}

/** Every `INSERT INTO table (cols) VALUES …;` of the file, as rows per table (file order). */
export function parseSqlInserts(text: string, flavor: "mysql" | "postgresql"): Map<string, RawRule[]> {
  const out = new Map<string, RawRule[]>();
  const re = /INSERT\s+INTO\s+[`"]?([A-Za-z_][A-Za-z0-9_]*)[`"]?\s*\(([^)]*)\)\s*VALUES/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const cols = m[2].split(",").map((c) => c.trim().replace(/^[`"]|[`"]$/g, ""));
    const sc = new Scanner(text, flavor === "mysql");
    sc.i = re.lastIndex;
    const rows = out.get(m[1]) ?? [];
    do {
      if (!sc.eat("(")) sc.fail("'('");
      const row: RawRule = {};
      cols.forEach((c, k) => {
        if (k > 0 && !sc.eat(",")) sc.fail("','");
        row[c] = sc.value();
      });
      if (!sc.eat(")")) sc.fail("')'");
      rows.push(row);
    } while (sc.eat(","));
    out.set(m[1], rows);
    re.lastIndex = sc.i;
  }
  return out;
}

/** A seed file's table → acl.conf, ordered by `seq` (or `id`) as the source query orders it. */
export function importSqlDump(
  text: string,
  flavor: "mysql" | "postgresql",
  table: string,
  dialect: Dialect,
  source: string,
  noMatch?: "allow" | "deny" | null,
): ImportedAcl {
  const problem = tableNameProblem(table);
  if (problem !== null) throw new Error(problem);
  const created = new RegExp(`CREATE\\s+TABLE\\s+[\`"]?${table}[\`"]?\\s*\\(`, "i").test(text);
  const rows = parseSqlInserts(text, flavor).get(table) ?? (created ? [] : null);
  if (!rows) throw new Error(`no table ${table} in the file (use --table)`);
  const key = rows.length && "seq" in rows[0] ? "seq" : "id";
  rows.sort((a, b) => Number(a[key]) - Number(b[key]));
  const header = [`imported by emqx-acl from ${flavor} file ${source}, table ${table} (EMQX ${dialect.slice(1)})`];
  if (capabilities(dialect).backendRules === "plugin-rows") {
    const reversed = [...rows].reverse();
    const positional = reversed.map((r) =>
      ["allow", "ipaddr", "username", "clientid", "access", "topic"].map((k) => r[k]),
    );
    const checks = rowChecks(reversed, key, (r) => v4RowProblem(r, valueKinds(r)));
    return v4RowsToAcl(
      positional,
      [...header, "EMQX 4 evaluates the rows last-first; this file lists them in evaluation order"],
      checks,
    );
  }
  if (!noMatch) header.push("authorization.no_match is not stored in the table: pass --nomatch to add it");
  return sqlRowsToAcl(
    rows,
    dialect,
    "ours",
    header,
    noMatch,
    rowChecks(rows, key, (r) => v5RowProblem(r, valueKinds(r))),
  );
}
