/**
 * The authorization chain as configured: which sources EMQX consults in which order, what
 * decides when none answers (`no_match`), and the settings around it (`deny_action`,
 * cache). Read from emqx.conf by read-hocon-chain.ts (EMQX 5/6) and read-v4-chain.ts.
 */
import type { EmqxVersion } from "@emqx-acl/audit";
import type { ConfigLoc } from "@emqx-acl/syntax";
import { capabilities } from "@emqx-acl/core";
import type { HttpConfig } from "./http-source";
import type { MountConfig } from "./mountpoint";

/** Source types: EMQX 5/6 `authorization.sources[].type`, and the EMQX 4 plugins named the same way. */
export const SOURCE_TYPES = [
  "file",
  "built_in_database",
  "mysql",
  "postgresql",
  "redis",
  "mongodb",
  "http",
  "ldap",
  "jwt",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Types whose rules can be read from a live server (`--source-url`). */
export const LIVE_TYPES = ["mysql", "postgresql", "redis", "http"] as const;
export type LiveType = (typeof LIVE_TYPES)[number];

/** Types whose rules can be given on the command line (read by emitters' importers). */
export const SEEDABLE_TYPES = ["mysql", "postgresql", "redis", "mongodb", "built_in_database"] as const;
export type SeedableType = (typeof SEEDABLE_TYPES)[number];

export function isSourceType(t: string): t is SourceType {
  return (SOURCE_TYPES as readonly string[]).includes(t);
}

export interface ChainSource {
  /** 1-based position in the order EMQX consults the sources. */
  number: number;
  type: SourceType;
  enable: boolean;
  /** Where the source is configured (its object, the setting, or the anchor of a default). */
  loc: ConfigLoc;
  /**
   * False for EMQX 4's acl.conf module: its match only sets the result (`{ok, allow}`) and
   * later plugins still run; every other source ends the chain when it matches.
   */
  stops: boolean;
  /** The file source's acl.conf, resolved as EMQX opens it. */
  path?: string;
  pathLoc?: ConfigLoc;
  /**
   * EMQX 4's MySQL, PostgreSQL, Redis, MongoDB and HTTP plugins answer nothing for a
   * username starting with `$` (`emqx/emqx@v4.4.19:apps/emqx_auth_mysql/src/emqx_acl_mysql.erl`
   * `do_check_acl/6` and the same clause in the others).
   */
  skipsDollarUsername?: true;
  /** EMQX 5/6 MySQL/PostgreSQL `query`, Redis `cmd`: what the source runs per request (`--source-url`). */
  query?: { text: string; loc: ConfigLoc };
  /** The http source's request settings (5/6 `url`, `method`, `headers`, `body`; v4 `auth.http.acl_req.*`). */
  http?: HttpConfig;
  /** master `precondition`: a Variform expression, evaluated per request (precondition.ts). */
  precondition?: string;
}

export interface ChainSetting<T> {
  value: T;
  /** Where it is written; undefined when EMQX's default applies. */
  loc?: ConfigLoc;
}

export interface ChainConfig {
  version: EmqxVersion;
  sources: ChainSource[];
  /** `authorization.no_match` / v4 `acl_nomatch` (global; v4 zones may override, see `zoneNoMatch`). */
  noMatch: ChainSetting<"allow" | "deny">;
  /** v4 `zone.<name>.acl_nomatch` by zone name. */
  zoneNoMatch: Map<string, ChainSetting<"allow" | "deny">>;
  denyAction: ChainSetting<"ignore" | "disconnect">;
  cache: { enable: ChainSetting<boolean>; maxSize: ChainSetting<number>; ttl: ChainSetting<string> };
  /**
   * The claim a JWT login's ACL is read from: `acl_claim_name` of each enabled JWT
   * authenticator (5/6 `authentication`, v4 `auth.jwt.acl_claim_name`), distinct names in
   * order; empty: none written, EMQX's default `acl` (jwt-claim.ts).
   */
  jwtAclClaims: ChainSetting<string>[];
  /** Listener (5/6) or zone (4) mountpoints, and whether authorization sees them (mountpoint.ts). */
  mounts: MountConfig;
}

/** `no_match` when not written (sources: core's model/dialects.ts). */
export function defaultNoMatch(version: EmqxVersion): "allow" | "deny" {
  return capabilities(version).noMatchDefault;
}

/** A problem with the configuration; `loc` locates it (the CLI prints file:line:col). */
export interface ChainProblem {
  message: string;
  loc: ConfigLoc;
}
