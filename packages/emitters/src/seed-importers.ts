/**
 * The importers that read rules from files only (SQL dumps, RESP seeds, MongoDB exports,
 * built-in database REST bodies), without the database drivers: `@emqx-acl/emitters/seed-importers`
 * keeps `check --config` free of mysql2 / pg / ioredis.
 */
export { importSqlDump } from "./sql-dump";
export { hashesFromResp, importRedisHashes, type RedisHash } from "./redis-import";
export { apiCallsToAcl, mongoDocsToAcl, rawRulesToAcl } from "./docs-import";
export type { ImportedAcl } from "./sql-import";
