/**
 * The http source's settings from the configuration, with EMQX's defaults: 5/6
 * (`emqx_authz_http_schema`: `request_timeout` 30s, `headers` default
 * `emqx_auth_http_utils:default_headers/0`, content-type dropped for GET) and v4
 * (`emqx_auth_http.schema`: `acl_req.method` post, `auth.http.timeout` 5s, headers as written).
 */
import type { AuditContext } from "@emqx-acl/audit";
import type { ConfigValue } from "@emqx-acl/syntax";
import type { HttpConfig } from "./http-source";

const DEFAULT_HEADERS: [string, string][] = [
  ["accept", "application/json"],
  ["cache-control", "no-cache"],
  ["connection", "keep-alive"],
  ["keep-alive", "timeout=30, max=1000"],
];

/** `30s`, `500ms`, `1m`, a bare number of milliseconds → ms (null when not a duration). */
export function durationMs(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? "ms").toLowerCase() as "ms"];
  return Number(m[1]) * unit;
}

function pairs(v: ConfigValue | undefined): [string, string][] | undefined {
  if (v?.kind !== "object") return undefined;
  const out: [string, string][] = [];
  for (const [k, f] of v.fields) if (f.value.kind === "scalar") out.push([k, f.value.value]);
  return out;
}

/** A 5/6 http source object → its settings (null when it has no url: EMQX refuses it). */
export function hoconHttpConfig(item: ConfigValue): HttpConfig | null {
  if (item.kind !== "object") return null;
  const scalar = (k: string) => {
    const f = item.fields.get(k)?.value;
    return f?.kind === "scalar" ? f.value : undefined;
  };
  const url = scalar("url");
  if (url === undefined) return null;
  const method = scalar("method") === "get" ? "get" : "post";
  const written = pairs(item.fields.get("headers")?.value);
  let headers = written
    ? written.map(([k, v]): [string, string] => [k.toLowerCase(), v])
    : [...DEFAULT_HEADERS, ["content-type", "application/json"] as [string, string]];
  if (method === "get") headers = headers.filter(([k]) => k !== "content-type");
  const timeout = durationMs(scalar("request_timeout") ?? "30s") ?? 30_000;
  return { url, method, headers, body: pairs(item.fields.get("body")?.value) ?? [], timeoutMs: timeout };
}

/** v4 `auth.http.acl_req.*` (null when no url: the plugin checks no ACL). */
export function v4HttpConfig(ctx: AuditContext): HttpConfig | null {
  const url = ctx.get("auth.http.acl_req.url")?.value;
  if (!url) return null;
  const method = ctx.get("auth.http.acl_req.method")?.value === "get" ? "get" : "post";
  let headers: [string, string][] = ctx
    .keysUnder("auth.http.acl_req.headers")
    // `emqx_http_lib:normalise_headers/1`: `_` becomes `-`, lower-cased
    .map(({ key }): [string, string] => [
      key.replace(/_/g, "-").toLowerCase(),
      ctx.get(`auth.http.acl_req.headers.${key}`)!.value,
    ]);
  if (method === "get") headers = headers.filter(([k]) => k !== "content-type");
  // the schema's translation: `k=v` pairs split on `,` (string:tokens: empty pieces dropped)
  const body = (ctx.get("auth.http.acl_req.params")?.value ?? "")
    .split(",")
    .filter((s) => s !== "")
    .map((s): [string, string] => {
      const [k, ...rest] = s.split("=").filter((x) => x !== "");
      return [k, rest[0] ?? ""];
    });
  const timeout = durationMs(ctx.get("auth.http.timeout")?.value ?? "5s") ?? 5000;
  return { url, method, headers, body, timeoutMs: timeout };
}
