/**
 * The `query` of an EMQX 5/6 MySQL/PostgreSQL source and the `cmd` of a Redis source, filled
 * per request the way EMQX fills them:
 * - SQL: every `${name}` becomes one bind parameter (`?` MySQL, `$1…$n` PostgreSQL), a
 *   placeholder written inside double quotes loses the quotes (`strip_double_quote`);
 *   (`emqx/emqx@e5.10.4:apps/emqx_utils/src/emqx_template_sql.erl` `parse_prepstmt/2`,
 *   `apps/emqx_auth/src/emqx_auth_template.erl` `parse_sql/3`);
 * - Redis: the command is split into arguments (quotes group, as redis-cli does), each
 *   argument is a template, only `HGETALL` is modelled (EMQX also accepts `HMGET`, whose
 *   reply it misreads: backends.md §3.2);
 * - a value the client does not have renders as the empty string (`render_var/2`).
 * Allowed names: `?AUTHZ_DEFAULT_ALLOWED_VARS` (`emqx/emqx@e5.10.4:apps/emqx_auth/include/emqx_authz.hrl`).
 */
import { toBytes, type Bytes, type Request } from "@emqx-acl/core";

/** Placeholders EMQX fills in a database source's query / command. */
export const QUERY_VARS = [
  "username",
  "clientid",
  "peerhost",
  "cert_common_name",
  "cert_subject",
  "peerport",
  "zone",
  "listener",
] as const;

/** Names a request here carries (cert_subject and peerport are not in a request line). */
const FILLED = new Set(["username", "clientid", "peerhost", "cert_common_name", "zone", "listener"]);

/** A text with `${name}` placeholders: literal parts and variable names, alternating (parts.length = vars.length + 1). */
export interface Template {
  parts: string[];
  vars: string[];
}

/** Splits a template; throws an Error naming a placeholder EMQX does not fill or this tool cannot. */
export function parseTemplate(text: string): Template {
  const parts: string[] = [];
  const vars: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = m[1].trim();
    const allowed = (QUERY_VARS as readonly string[]).includes(name) || name.startsWith("client_attrs.");
    if (!allowed)
      throw new Error(
        `\${${name}} is not filled by EMQX in a query (allowed: ${QUERY_VARS.join(", ")}, client_attrs.NAME)`,
      );
    if (!FILLED.has(name) && !name.startsWith("client_attrs."))
      throw new Error(`\${${name}}: a request line carries no ${name}; this query cannot be reproduced`);
    parts.push(text.slice(last, m.index));
    vars.push(name);
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return { parts, vars };
}

/** The byte-string value EMQX renders for a placeholder ('' when the client has none). */
export function varValue(name: string, request: Request): Bytes {
  if (name.startsWith("client_attrs.")) return request.client_attrs[toBytes(name.slice("client_attrs.".length))] ?? "";
  const v: Record<string, Bytes | null> = {
    username: request.username,
    clientid: request.clientid,
    peerhost: request.peerhost,
    cert_common_name: request.cert_common_name,
    zone: request.zone,
    listener: request.listener,
  };
  return v[name] ?? "";
}

/** A SQL query as a prepared statement: the statement and the placeholder behind each parameter. */
export interface SqlStatement {
  sql: string;
  vars: string[];
}

/** `${x}` → `?` / `$n`; `"${x}"` → the same without the quotes. */
export function sqlStatement(query: string, flavor: "mysql" | "postgresql"): SqlStatement {
  const t = parseTemplate(query);
  let sql = t.parts[0];
  t.vars.forEach((_v, i) => {
    const next = t.parts[i + 1];
    const quoted = sql.endsWith('"') && next.startsWith('"');
    if (quoted) sql = sql.slice(0, -1);
    sql += flavor === "mysql" ? "?" : `$${i + 1}`;
    sql += quoted ? next.slice(1) : next;
  });
  return { sql, vars: t.vars };
}

/** Splits a Redis command into argument templates: whitespace separates, '…' and "…" group (backslash escapes in "…"). */
export function splitRedisCommand(cmd: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < cmd.length) {
    while (i < cmd.length && /\s/.test(cmd[i])) i++;
    if (i >= cmd.length) break;
    let arg = "";
    while (i < cmd.length && !/\s/.test(cmd[i])) {
      const q = cmd[i];
      if (q !== '"' && q !== "'") {
        arg += cmd[i++];
        continue;
      }
      const close = cmd.indexOf(q, i + 1);
      if (close < 0) throw new Error(`unbalanced ${q} in the Redis command`);
      const inner = cmd.slice(i + 1, close);
      arg += q === '"' ? inner.replace(/\\(.)/g, "$1") : inner;
      i = close + 1;
    }
    args.push(arg);
  }
  return args;
}

/** The command's argument templates; throws an Error when it is not an `HGETALL KEY`. */
export function redisCommand(cmd: string): Template[] {
  const args = splitRedisCommand(cmd);
  if (args.length === 0) throw new Error("the Redis command is empty");
  const name = args[0].toUpperCase();
  if (name === "HMGET") throw new Error("HMGET: EMQX reads its reply as field/value pairs; only HGETALL is modelled");
  if (name !== "HGETALL" || args.length !== 2)
    throw new Error(`${args[0]}: EMQX accepts only HGETALL key (or HMGET) as the authorization command`);
  return args.map(parseTemplate);
}

/** A template filled for a request, as a byte string (the text's UTF-8, the values' bytes). */
export function render(t: Template, request: Request): Bytes {
  let out = toBytes(t.parts[0]);
  t.vars.forEach((v, i) => (out += varValue(v, request) + toBytes(t.parts[i + 1])));
  return out;
}
