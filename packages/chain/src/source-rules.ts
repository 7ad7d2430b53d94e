/**
 * Rules of a database source, given on the command line as a seed file
 * (`--source-rules mysql=seed.sql`, `redis=cmds.resp`, `mongodb=docs.json`,
 * `built_in_database=requests.json`) and read with emitters' importers: the acl.conf
 * text they produce decides as the stored rows do under the source layout `compile`
 * writes (SQL `username`/`clientid`/`ipaddr` columns are the query's WHERE conditions).
 */
import type { Dialect } from "@emqx-acl/core";
import {
  apiCallsToAcl,
  hashesFromResp,
  importRedisHashes,
  importSqlDump,
  mongoDocsToAcl,
  type ImportedAcl,
} from "@emqx-acl/emitters/seed-importers";
import { SEEDABLE_TYPES, type SeedableType } from "./chain-config";
import { splitTypeSpec } from "./type-spec";
import { capabilities } from "@emqx-acl/core";

export interface SourceRulesSpec {
  type: SeedableType;
  path: string;
}

/** `TYPE=PATH` → the spec; throws an Error saying what is wrong. */
export function parseSourceRulesSpec(text: string): SourceRulesSpec {
  const { type, value } = splitTypeSpec(text, SEEDABLE_TYPES, {
    value: "FILE",
    notAllowed: (t) => `rules can be given for ${SEEDABLE_TYPES.join(", ")}; not '${t}'`,
  });
  return { type, path: value };
}

function json(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not JSON: ${(e as Error).message}`);
  }
}

/**
 * The seed's rules as acl.conf text (no no_match rule appended: the chain decides that).
 * `bytes` is the file's content; throws an Error (naming the file) when it cannot be read.
 */
export function importSourceRules(spec: SourceRulesSpec, bytes: Uint8Array, dialect: Dialect): ImportedAcl {
  const { type, path } = spec;
  const text = () => Buffer.from(bytes).toString("utf8");
  if (capabilities(dialect).backendRules === "plugin-rows" && (type === "mongodb" || type === "built_in_database"))
    throw new Error(`${path}: ${type} rules are read for EMQX 5/6 only`);
  const header = [`${type} rules from ${path}`];
  try {
    if (type === "redis")
      return importRedisHashes(hashesFromResp(Buffer.from(bytes).toString("latin1")), "mqtt_acl:", dialect, path);
    if (type === "mysql" || type === "postgresql") return importSqlDump(text(), type, "mqtt_acl", dialect, path);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  const data = json(text(), path);
  if (!Array.isArray(data))
    throw new Error(
      `${path}: expected a JSON array (${type === "mongodb" ? "mongoexport --jsonArray" : "the requests.json of compile --to emqx-api"})`,
    );
  if (type === "mongodb") return mongoDocsToAcl(data as Record<string, unknown>[], dialect, header);
  return apiCallsToAcl(data as { path: string; body: unknown }[], dialect, header);
}
