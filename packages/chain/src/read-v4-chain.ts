/**
 * EMQX 4: ACL plugins hooked on `client.check_acl` plus the acl.conf module
 * (`emqx/emqx@v4.4.19:src/emqx_access_control.erl`, `lib-ce/emqx_modules/src/emqx_mod_acl_internal.erl`).
 * Plugins run in load order (`data/loaded_plugins`, then those given rules on the command
 * line) at priority 0; the acl.conf module registers at -1, so it runs last; names listed
 * in `acl_order` come first, in that order. The acl.conf module's match only sets the
 * result; a plugin's match ends the chain. Settings: `acl_nomatch` (schema default deny,
 * per zone `zone.<z>.acl_nomatch`), `acl_deny_action`, `enable_acl_cache`,
 * `acl_cache_max_size`, `acl_cache_ttl` (`emqx/emqx@v4.4.19:priv/emqx.schema`).
 */
import { isOn, joinPath, type AuditContext, type Setting } from "@emqx-acl/audit";
import { normalize } from "node:path";
import type { ConfigLoc } from "@emqx-acl/syntax";
import {
  defaultNoMatch,
  type ChainConfig,
  type ChainProblem,
  type ChainSetting,
  type ChainSource,
  type SourceType,
} from "./chain-config";
import { readV4Mounts } from "./mountpoint";
import { v4HttpConfig } from "./http-config";

const PLUGINS: Record<string, SourceType> = {
  emqx_auth_mysql: "mysql",
  emqx_auth_pgsql: "postgresql",
  emqx_auth_redis: "redis",
  emqx_auth_mongo: "mongodb",
  emqx_auth_http: "http",
  emqx_auth_mnesia: "built_in_database",
  emqx_auth_jwt: "jwt",
  emqx_auth_ldap: "ldap",
};

/** Plugins that answer nothing for a username starting with `$` (see {@link ChainSource.skipsDollarUsername}). */
const SKIP_DOLLAR = new Set<SourceType>(["mysql", "postgresql", "redis", "mongodb", "http"]);

/** `acl_order` names (`emqx/emqx@v4.4.19:src/emqx_hooks.erl` and the emqx.conf comment). */
const ORDER_NAMES: Record<string, SourceType> = {
  file: "file",
  internal: "file",
  http: "http",
  jwt: "jwt",
  ldap: "ldap",
  mnesia: "built_in_database",
  mongo: "mongodb",
  mongodb: "mongodb",
  mysql: "mysql",
  pgsql: "postgresql",
  postgres: "postgresql",
  redis: "redis",
};

/** ACL plugins `data/loaded_plugins` enables, in its order, with where each is named. */
function loadedPlugins(ctx: AuditContext): { type: SourceType; loc: ConfigLoc }[] {
  const file = joinPath(ctx.env.EMQX_DATA_DIR ?? joinPath(ctx.home, "data"), "loaded_plugins");
  const text = ctx.readFile(file, { file: ctx.configPath, start: 0, end: 0 });
  if (text === null) return [];
  const out: { type: SourceType; loc: ConfigLoc }[] = [];
  for (const m of text.matchAll(/\{\s*(emqx_auth_\w+)\s*,\s*true\s*\}/g)) {
    const type = PLUGINS[m[1]];
    if (type && !out.some((o) => o.type === type))
      out.push({ type, loc: { file, start: m.index!, end: m.index! + m[0].length } });
  }
  return out;
}

function enumSetting<T extends string>(
  s: Setting | undefined,
  allowed: readonly T[],
  fallback: T,
  problems: ChainProblem[],
): ChainSetting<T> {
  if (!s) return { value: fallback };
  if ((allowed as readonly string[]).includes(s.value)) return { value: s.value as T, loc: s.loc };
  problems.push({ loc: s.loc, message: `${s.path} must be ${allowed.join(" or ")}` });
  return { value: fallback, loc: s.loc };
}

/** Hook order: `acl_order` names first (in that order), then plugins, then the acl.conf module. */
function ordered(sources: Omit<ChainSource, "number">[], order: Setting | undefined): ChainSource[] {
  const names = order && order.value !== "none" ? order.value.split(",").map((n) => ORDER_NAMES[n.trim()]) : [];
  const rank = (s: Omit<ChainSource, "number">) => {
    const i = names.indexOf(s.type);
    return i >= 0 ? i : names.length + (s.type === "file" ? 1 : 0);
  };
  // Array.prototype.sort is stable: equal ranks keep load order
  return [...sources].sort((a, b) => rank(a) - rank(b)).map((s, i) => ({ ...s, number: i + 1 }));
}

/** The chain of an EMQX 4 configuration; `seeded` are plugin types given rules on the command line. */
export function readV4Chain(ctx: AuditContext, seeded: SourceType[], problems: ChainProblem[]): ChainConfig {
  const start: ConfigLoc = { file: ctx.configPath, start: 0, end: 0 };
  const plugins = loadedPlugins(ctx);
  for (const t of seeded) if (!plugins.some((p) => p.type === t)) plugins.push({ type: t, loc: start });
  const aclFile = ctx.get("acl_file");
  const file: Omit<ChainSource, "number"> = {
    type: "file",
    enable: true,
    loc: aclFile?.keyLoc ?? ctx.anchor("acl_file"),
    stops: false,
    path: normalize(aclFile ? ctx.resolvePath(aclFile.value) : joinPath(ctx.etcDir, "acl.conf")),
    pathLoc: aclFile?.loc ?? ctx.anchor("acl_file"),
  };
  const http = v4HttpConfig(ctx);
  const plugin = (p: { type: SourceType; loc: ConfigLoc }) => ({
    type: p.type,
    enable: true,
    loc: p.loc,
    stops: true,
    ...(SKIP_DOLLAR.has(p.type) ? { skipsDollarUsername: true as const } : {}),
    ...(p.type === "http" && http ? { http } : {}),
  });
  const sources = ordered([...plugins.map(plugin), file], ctx.get("acl_order"));
  const zoneNoMatch = new Map<string, ChainSetting<"allow" | "deny">>();
  for (const { key } of ctx.keysUnder("zone")) {
    const m = /^([^.]+)\.acl_nomatch$/.exec(key);
    if (m) zoneNoMatch.set(m[1], enumSetting(ctx.get(`zone.${key}`), ["allow", "deny"] as const, "deny", problems));
  }
  const size = ctx.get("acl_cache_max_size");
  const cacheOn = ctx.get("enable_acl_cache");
  const ttl = ctx.get("acl_cache_ttl");
  const claim = ctx.get("auth.jwt.acl_claim_name");
  return {
    version: "v4",
    sources,
    noMatch: enumSetting(ctx.get("acl_nomatch"), ["allow", "deny"] as const, defaultNoMatch("v4"), problems),
    zoneNoMatch,
    denyAction: enumSetting(ctx.get("acl_deny_action"), ["ignore", "disconnect"] as const, "ignore", problems),
    cache: {
      enable: cacheOn ? { value: isOn(cacheOn.value, true), loc: cacheOn.loc } : { value: true },
      maxSize: size && /^\d+$/.test(size.value) ? { value: Number(size.value), loc: size.loc } : { value: 32 },
      ttl: ttl ? { value: ttl.value, loc: ttl.loc } : { value: "1m" },
    },
    jwtAclClaims: claim ? [{ value: claim.value, loc: claim.loc }] : [],
    mounts: readV4Mounts(ctx),
  };
}
