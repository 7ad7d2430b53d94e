/**
 * An `http` authorization source: the request EMQX sends for a client, and what EMQX makes
 * of the answer (facts per version in this package's README, "The HTTP source").
 * Pure: live-http.ts sends the request. Values are byte strings (core's Bytes).
 */
import { fromBytes, toBytes, type Bytes, type Request } from "@emqx-acl/core";
import { varValue } from "./query-template";

/** The source's settings as read from the configuration. */
export interface HttpConfig {
  url: string;
  method: "get" | "post";
  /** Header names lower-cased (EMQX 5/6 `transform_header_name/1`; v4 `normalise_headers/1`). */
  headers: [string, string][];
  /** 5/6 `body`; v4 `acl_req.params`. */
  body: [string, string][];
  timeoutMs: number;
}

/** What the chain sends: `version` picks the placeholder syntax and the response mapping. */
export interface HttpSpec extends HttpConfig {
  version: "v4" | "v5" | "v6";
  /** The configured URL's path and query, sent to the origin of `--source-url http=…`. */
  path: string;
  query: [string, string][];
}

export interface HttpRequest {
  method: "GET" | "POST";
  /** Path and query as sent. */
  target: string;
  headers: [string, string][];
  body: Buffer | null;
}

/** How EMQX reads the answer: `allow`/`deny` end the chain, `ignore` lets it go on. */
export interface HttpAnswer {
  answer: "allow" | "deny" | "ignore";
  /** A failure EMQX logs (warned once): a bad body, an unsupported content type, no answer. */
  failure?: string;
}

const V4_VARS: Record<string, (r: Request) => Bytes | null> = {
  "%u": (r) => r.username,
  "%c": (r) => r.clientid,
  "%a": (r) => r.peerhost,
  "%C": (r) => r.cert_common_name,
  "%A": (r) => (r.action === "subscribe" ? "1" : "2"),
  "%t": (r) => r.topic,
};
/** v4 params this tool cannot fill (no such request field): refused at load. */
const V4_UNFILLED = ["%r", "%P", "%p", "%d", "%m"];

/** Client fields rendered as for every source (`varValue`); master adds zone and listener. */
const CLIENT_VARS = new Set(["username", "clientid", "peerhost", "cert_common_name"]);

/**
 * 5/6 placeholders (`emqx_authz_http` `?ALLOWED_VARS`, `client_vars/3`): the client fields,
 * and the request's own; undefined for a name EMQX leaves as written.
 */
function v5Var(name: string, r: Request, version: HttpSpec["version"]): Bytes | undefined {
  if (CLIENT_VARS.has(name) || name.startsWith("client_attrs.")) return varValue(name, r);
  if (version === "v6" && (name === "zone" || name === "listener")) return varValue(name, r);
  const own: Record<string, Bytes> = {
    topic: r.topic,
    action: r.action,
    access: r.action === "subscribe" ? "1" : "2",
    qos: String(r.qos),
    retain: String(r.retain),
  };
  return name in own ? own[name] : undefined;
}

/** 5/6 names EMQX allows but a request line does not carry. */
const V5_UNFILLED = ["proto_name", "mountpoint", "cert_subject", "cert_pem", "peerport"];

/** Throws an Error naming a placeholder the request cannot fill (EMQX would fill it). */
export function checkHttpTemplates(spec: HttpSpec): void {
  const texts = [spec.path, ...[...spec.query, ...spec.headers, ...spec.body].map(([, v]) => v)];
  for (const t of texts) {
    if (spec.version === "v4") {
      if (V4_UNFILLED.includes(t)) throw new Error(`params value ${t}: a request line carries no such field`);
      continue;
    }
    for (const m of t.matchAll(/\$\{([^}]*)\}/g))
      if (V5_UNFILLED.includes(m[1].trim()))
        throw new Error(
          `\${${m[1].trim()}}: a request line carries no ${m[1].trim()}; the request cannot be reproduced`,
        );
  }
}

/** A 5/6 template filled: unknown names stay as written (EMQX renders disallowed placeholders literally), missing values are ''. */
function fill5(t: string, r: Request, version: HttpSpec["version"]): Bytes {
  let out = "";
  let last = 0;
  for (const m of t.matchAll(/\$\{([^}]*)\}/g)) {
    const v = v5Var(m[1].trim(), r, version);
    out += toBytes(t.slice(last, m.index)) + (v === undefined ? toBytes(m[0]) : v);
    last = m.index! + m[0].length;
  }
  return out + toBytes(t.slice(last));
}

/** A v4 param value: a whole `%x` is the field (a missing username is `null`), anything else literal. */
function fill4(v: string, r: Request): Bytes {
  const f = V4_VARS[v];
  return f ? (f(r) ?? "null") : toBytes(v);
}

/** Form encoding of a byte string: unreserved bytes kept, space `+`, the rest `%XX`. */
function formEncode(b: Bytes): string {
  let out = "";
  for (const ch of b) {
    if (/[A-Za-z0-9\-._~]/.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else out += `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function formQuery(pairs: [Bytes, Bytes][]): string {
  return pairs.map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`).join("&");
}

/** The request EMQX sends for this client and topic; throws an Error when EMQX sends none. */
export function buildHttpRequest(spec: HttpSpec, r: Request): HttpRequest {
  const v4 = spec.version === "v4";
  const fill = (t: string) => (v4 ? fill4(t, r) : fill5(t, r, spec.version));
  // 5/6: `body` is a map, sent in key order (`maps:to_list/1`, JSON alike); v4's params are a list, sent as written
  const pairs = v4 ? spec.body : [...spec.body].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const body = pairs.map(([k, v]): [Bytes, Bytes] => [toBytes(k), fill(v)]);
  const headers = spec.headers.map(([k, v]): [string, string] => [k, v4 ? v : fromBytes(fill5(v, r, spec.version))]);
  // master refuses CR, LF and NUL in a header (`validate_headers/1`); Node would not send them either
  const bad = headers.find(([, v]) => /[\r\n\0]/.test(v));
  if (bad) throw new Error(`header ${bad[0]} would carry CR, LF or NUL: EMQX sends no request`);
  // 5/6: placeholders in the path are filled URL-encoded (`render_urlencoded_str/2`); v4 sends the path as written
  const path = v4 ? spec.path : spec.path.replace(/\$\{([^}]*)\}/g, (m) => formEncode(fill5(m, r, spec.version)));
  const query = spec.query.map(([k, v]): [Bytes, Bytes] => [toBytes(k), fill(v)]);
  const target = (pairs: [Bytes, Bytes][]) => (pairs.length ? `${path}?${formQuery(pairs)}` : path);
  if (spec.method === "get") {
    // GET: the body's pairs go after the URL's own query (`append_query/3`); no content-type
    return {
      method: "GET",
      target: v4 ? `${path}?${formQuery(body)}` : target([...query, ...body]),
      headers,
      body: null,
    };
  }
  const type = headers.find(([k]) => k === "content-type")?.[1] ?? (v4 ? undefined : "application/json");
  let encoded: string;
  if (type === "application/json") {
    const obj: Record<string, string> = {};
    for (const [k, v] of body) obj[fromBytes(k)] = fromBytes(v);
    encoded = JSON.stringify(obj);
  } else if (type === "application/x-www-form-urlencoded") encoded = formQuery(body);
  else
    throw new Error(`content-type ${type ?? "(none)"}: EMQX sends no request (it encodes only JSON and form bodies)`);
  return {
    method: "POST",
    target: v4 ? path : target(query),
    headers,
    body: type === "application/json" ? Buffer.from(encoded, "utf8") : Buffer.from(encoded, "latin1"),
  };
}

/** How EMQX 5.8.9 / master read an answer; `failed` is EMQX's backend-failure result. */
function answer5(
  status: number,
  contentType: string | undefined,
  body: string,
  failed: HttpAnswer["answer"],
): HttpAnswer {
  if (status === 204) return { answer: "allow" };
  if (status !== 200) return { answer: "ignore" };
  const type = contentType ?? "application/json";
  let result: unknown;
  try {
    if (type.startsWith("application/x-www-form-urlencoded")) result = new URLSearchParams(body).get("result");
    else if (type.startsWith("application/json")) result = (JSON.parse(body) as { result?: unknown })?.result;
    else return { answer: failed, failure: `unsupported content-type ${type}` };
  } catch {
    return { answer: failed, failure: `a body that is not ${type}` };
  }
  if (result === "allow" || result === "deny" || result === "ignore") return { answer: result };
  return { answer: failed, failure: "a 200 without result allow, deny or ignore" };
}

/** What the source answers for a response (`status` null: no answer, `error` says why). */
export function mapHttpResponse(
  version: HttpSpec["version"],
  res: { status: number; contentType?: string; body: string } | { error: string },
  profile: "legacy" | "hardened" = "legacy",
): HttpAnswer {
  // master: a backend failure is the security profile's policy (hardened: deny)
  const failed = version === "v6" && profile === "hardened" ? "deny" : "ignore";
  if ("error" in res) return { answer: version === "v6" ? failed : "ignore", failure: res.error };
  if (version !== "v4") return answer5(res.status, res.contentType, res.body, version === "v6" ? failed : "ignore");
  if (res.status !== 200) return { answer: "deny" };
  return { answer: res.body === "ignore" ? "ignore" : "allow" };
}
