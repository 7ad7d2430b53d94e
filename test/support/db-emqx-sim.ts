/**
 * What EMQX does with an emitted SQL source for one request: fill the query's
 * placeholders the way EMQX does (`${var}` → bind parameter, a missing value → ''; EMQX 4:
 * quoted `'%u'` → parameter, missing username → 'undefined' on MySQL, NULL on PostgreSQL),
 * run it, turn the rows into rules (raw-rule format / v4 positional rows) and take the
 * first match — then apply the emitted `no_match` default.
 */
import { decideLinear, fromBytes, type Decision, type Dialect, type Request } from "../../packages/core/src/index";
import { sqlRowsToAcl, v4RowsToAcl, type RawRule } from "../../packages/emitters/src/index";
import { loadRuleSet } from "../../packages/analysis/src/index";
import type { LowerResult } from "../../packages/core/src/index";

export type Flavor = "mysql" | "postgresql";

/** A parsed query: SQL with driver placeholders and the variable behind each. */
export interface Template {
  sql: string;
  vars: string[];
}

/** EMQX 5/6: every `${name}` becomes one bind parameter. */
export function parseTemplate(query: string, flavor: Flavor): Template {
  const vars: string[] = [];
  const sql = query.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    vars.push(name);
    return flavor === "mysql" ? "?" : `$${vars.length}`;
  });
  return { sql, vars };
}

/** EMQX 4: only `'%u'`, `'%c'`, `'%a'`… written with single quotes are parameters. */
export function parseTemplateV4(query: string, flavor: Flavor): Template {
  const vars: string[] = [];
  const sql = query.replace(/'%([ucaCd])'/g, (_m, v: string) => {
    vars.push(`%${v}`);
    return flavor === "mysql" ? "?" : `$${vars.length}`;
  });
  return { sql, vars };
}

/** The parameter values EMQX binds for a request (byte strings as driver values). */
export function params(t: Template, req: Request, flavor: Flavor): unknown[] {
  const value = (bytes: string) => (flavor === "mysql" ? Buffer.from(bytes, "latin1") : fromBytes(bytes));
  return t.vars.map((v) => {
    if (v === "username") return value(req.username ?? "");
    if (v === "clientid") return value(req.clientid);
    if (v === "peerhost") return req.peerhost ?? "";
    if (v === "%u") return req.username === null ? (flavor === "mysql" ? "undefined" : null) : value(req.username);
    if (v === "%c") return value(req.clientid);
    if (v === "%a") return req.peerhost ?? "undefined";
    throw new Error(`the emitted query uses \${${v}}, which this simulation does not fill`);
  });
}

const cache = new Map<string, LowerResult>();
function loadCached(text: string, dialect: Dialect) {
  const key = `${dialect}\n${text}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = loadRuleSet(text, { dialect }).lowered;
    if (cache.size > 5000) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

/**
 * Decides a request from the rows an EMQX 5/6 query returned (in order). The rule number
 * is the `rule_no` column of the matching row; `noMatch` applies when nothing matched.
 */
const prepared = new WeakMap<RawRule[], { imported: ReturnType<typeof sqlRowsToAcl>; loaded: LowerResult }>();

export function decideFromRows(
  rows: RawRule[],
  req: Request,
  dialect: Dialect,
  noMatch: { permission: "allow" | "deny"; rule: number } | null,
): Decision {
  let p = prepared.get(rows);
  if (!p) {
    const imported = sqlRowsToAcl(rows, dialect, "query", []);
    if (imported.errors.length) throw new Error(`EMQX would refuse rows: ${imported.errors.join("; ")}`);
    const loaded = loadCached(imported.text, dialect);
    if (loaded.ruleSet.loadError)
      throw new Error(`rows do not compile: ${loaded.ruleSet.loadError.message}\n${imported.text}`);
    prepared.set(rows, (p = { imported, loaded }));
  }
  const { imported, loaded } = p;
  const d = decideLinear(loaded.ruleSet, req);
  if (d.rule !== null)
    return { decision: d.decision, rule: Number(rows[imported.rowOf[d.rule - 1]].rule_no) } as Decision;
  if (d.decision === "nomatch" && noMatch) return { decision: noMatch.permission, rule: noMatch.rule };
  return d;
}

/** EMQX 4: positional rows, evaluated last-first; clients whose username starts with '$' are skipped. */
export function decideFromV4Rows(rows: RawRule[], req: Request): Decision | "skipped" {
  if (req.username !== null && req.username.startsWith("$")) return "skipped";
  const positional = rows.map((r) => Object.values(r));
  const imported = v4RowsToAcl(positional, []);
  if (imported.errors.length) throw new Error(`EMQX 4 would ignore the table: ${imported.errors.join("; ")}`);
  const loaded = loadCached(imported.text, "v4");
  if (loaded.ruleSet.loadError)
    throw new Error(`rows do not compile: ${loaded.ruleSet.loadError.message}\n${imported.text}`);
  return decideLinear(loaded.ruleSet, req);
}
