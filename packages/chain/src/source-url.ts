/**
 * `--source-url TYPE=URL`: a database source whose rules are read from the live server,
 * with the source's own `query` / `cmd` from emqx.conf (live-sources.ts runs it). Here:
 * the command-line form, and the query checked and prepared once at load.
 */
import { maskCredentials } from "@emqx-acl/emitters/urls";
import { LIVE_TYPES, type ChainSource, type LiveType } from "./chain-config";
import type { Dialect } from "@emqx-acl/core";
import { splitTypeSpec } from "./type-spec";
import { checkHttpTemplates, type HttpSpec } from "./http-source";
import { redisCommand, sqlStatement, type SqlStatement, type Template } from "./query-template";

export interface SourceUrlSpec {
  type: LiveType;
  url: string;
}

/** `TYPE=URL` → the spec; throws an Error saying what is wrong (the URL's credentials masked). */
export function parseSourceUrlSpec(text: string): SourceUrlSpec {
  const { type, value: url } = splitTypeSpec(text, LIVE_TYPES, {
    value: "URL",
    shown: maskCredentials,
    notAllowed: (t) =>
      `sources can be asked live for ${LIVE_TYPES.join(", ")}; not '${t}' (no MongoDB driver is bundled)`,
  });
  const scheme = type === "postgresql" ? /^postgres(ql)?:\/\//i : new RegExp(`^${type}s?://`, "i");
  if (!scheme.test(url))
    throw new Error(
      `${type}: expected a ${type === "postgresql" ? "postgres" : type}:// URL, got '${maskCredentials(url)}'`,
    );
  if (type === "http") originOf(url);
  return { type, url };
}

/** What a live source runs per request. */
export type LiveQuery =
  | { type: "mysql" | "postgresql"; url: string; statement: SqlStatement }
  | { type: "redis"; url: string; args: Template[] }
  /** `url`: the configured URL's path and query at the given origin (what explain names). */
  | { type: "http"; url: string; origin: URL; spec: HttpSpec };

/** The source's query prepared for the spec; throws an Error (no location) when EMQX could not run it or this tool cannot fill it. */
export function liveQuery(source: ChainSource, spec: SourceUrlSpec, dialect: Dialect): LiveQuery {
  if (spec.type === "http") return liveHttp(source, spec.url, dialect);
  const what = spec.type === "redis" ? "cmd" : "query";
  if (!source.query) throw new Error(`the ${spec.type} source has no ${what} (EMQX refuses the configuration)`);
  if (spec.type === "redis") return { type: "redis", url: spec.url, args: redisCommand(source.query.text) };
  return { type: spec.type, url: spec.url, statement: sqlStatement(source.query.text, spec.type) };
}

/** `scheme://host[:port][/]` only: the configured path and query are what EMQX sends, so a path here would be ambiguous. */
function originOf(given: string): URL {
  const u = new URL(given);
  if ((u.pathname !== "/" && u.pathname !== "") || u.search || u.hash || u.username || u.password)
    throw new Error(
      `--source-url http: give only scheme://host:port (the path and query come from the source's url), got '${maskCredentials(given)}'`,
    );
  return u;
}

/** The configured URL split as EMQX splits it: path (placeholders kept) and query pairs (decoded, `cow_qs:parse_qs/1`). */
function splitUrl(url: string): { path: string; query: [string, string][] } {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!m) throw new Error(`url '${maskCredentials(url)}' is not an http(s) URL (EMQX refuses the source)`);
  const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
  const query = (m[2] ?? "")
    .split("&")
    .filter((p) => p !== "")
    .map((p): [string, string] => {
      const eq = p.indexOf("=");
      return eq < 0 ? [decode(p), ""] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
    });
  return { path: m[1] || "/", query };
}

function liveHttp(source: ChainSource, given: string, dialect: Dialect): LiveQuery {
  if (!source.http)
    throw new Error("the http source has no url (EMQX refuses the configuration / v4: the plugin checks no ACL)");
  const origin = originOf(given);
  const { path, query } = splitUrl(source.http.url);
  const version = dialect === "v4" ? "v4" : dialect === "v5" ? "v5" : "v6";
  // v4 keeps the configured query inside the path (`emqx_auth_http_app:path/1`) and appends params after it
  const spec: HttpSpec =
    version === "v4"
      ? {
          ...source.http,
          version,
          path: /\?/.test(source.http.url) ? `${path}?${source.http.url.split("?")[1]}` : path,
          query: [],
        }
      : { ...source.http, version, path, query };
  checkHttpTemplates(spec);
  return { type: "http", url: `${origin.protocol}//${origin.host}${path}`, origin, spec };
}
