/**
 * `--source-url TYPE=URL`: a database source whose rules are read from the live server,
 * with the source's own `query` / `cmd` from emqx.conf (live-sources.ts runs it). Here:
 * the command-line form, and the query checked and prepared once at load.
 */
import { maskCredentials } from "@emqx-acl/emitters/urls";
import { LIVE_TYPES, type ChainSource, type LiveType } from "./chain-config";
import { splitTypeSpec } from "./type-spec";
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
    notAllowed: (t) => `rules can be read live for ${LIVE_TYPES.join(", ")}; not '${t}' (no MongoDB driver is bundled)`,
  });
  const scheme = type === "postgresql" ? /^postgres(ql)?:\/\//i : new RegExp(`^${type}s?://`, "i");
  if (!scheme.test(url))
    throw new Error(
      `${type}: expected a ${type === "postgresql" ? "postgres" : type}:// URL, got '${maskCredentials(url)}'`,
    );
  return { type, url };
}

/** What a live source runs per request. */
export type LiveQuery =
  | { type: "mysql" | "postgresql"; url: string; statement: SqlStatement }
  | { type: "redis"; url: string; args: Template[] };

/** The source's query prepared for the spec; throws an Error (no location) when EMQX could not run it or this tool cannot fill it. */
export function liveQuery(source: ChainSource, spec: SourceUrlSpec): LiveQuery {
  const what = spec.type === "redis" ? "cmd" : "query";
  if (!source.query) throw new Error(`the ${spec.type} source has no ${what} (EMQX refuses the configuration)`);
  if (spec.type === "redis") return { type: "redis", url: spec.url, args: redisCommand(source.query.text) };
  return { type: spec.type, url: spec.url, statement: sqlStatement(source.query.text, spec.type) };
}
