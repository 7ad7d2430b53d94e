/**
 * EMQX 5/6: `authorization { sources = [...], no_match, deny_action, cache {...} }` → the
 * chain. Sources are consulted in array order (after the implicit `client_info` source,
 * the request's login ACL: login-acl.ts); one source per type; a missing `sources` is EMQX's
 * default, one file source at `${EMQX_ETC_DIR}/acl.conf`
 * (`emqx/emqx@e5.10.4:apps/emqx_auth/src/emqx_authz/emqx_authz_schema.erl`).
 */
import { isOn, joinPath, type AuditContext } from "@emqx-acl/audit";
import { normalize } from "node:path";
import type { ConfigLoc, ConfigValue } from "@emqx-acl/syntax";
import {
  defaultNoMatch,
  isSourceType,
  type ChainConfig,
  type ChainProblem,
  type ChainSetting,
  type ChainSource,
} from "./chain-config";
import type { ConfigLayers } from "./config-layers";
import { readHoconMounts } from "./mountpoint";
import { hoconJwtClaims } from "./jwt-claim";
import { hoconHttpConfig } from "./http-config";

type Scalar = { value: string; loc: ConfigLoc };

function scalarIn(v: ConfigValue | undefined, key: string): Scalar | undefined {
  const f = v?.kind === "object" ? v.fields.get(key)?.value : undefined;
  return f?.kind === "scalar" ? { value: f.value, loc: f.loc } : undefined;
}

/** An enum setting: its value, EMQX's default when absent, a problem when not one of `allowed`. */
function enumSetting<T extends string>(
  layers: ConfigLayers,
  path: string,
  allowed: readonly T[],
  fallback: T,
  problems: ChainProblem[],
): ChainSetting<T> {
  const v = layers.get(path);
  if (v === undefined) return { value: fallback };
  if (v.kind === "scalar" && (allowed as readonly string[]).includes(v.value))
    return { value: v.value as T, loc: v.loc };
  problems.push({ loc: v.loc, message: `${path} must be ${allowed.join(" or ")}` });
  return { value: fallback, loc: v.loc };
}

function readSource(
  ctx: AuditContext,
  item: ConfigValue,
  number: number,
  problems: ChainProblem[],
): ChainSource | null {
  const type = scalarIn(item, "type");
  if (item.kind !== "object" || !type) {
    problems.push({ loc: item.loc, message: "an authorization source must be an object with a type" });
    return null;
  }
  if (!isSourceType(type.value) || type.value === "jwt") {
    problems.push({ loc: type.loc, message: `unknown authorization source type '${type.value}'` });
    return null;
  }
  const enable = scalarIn(item, "enable");
  const source: ChainSource = {
    number,
    type: type.value,
    enable: isOn(enable?.value, true),
    loc: item.loc,
    stops: true,
  };
  const precondition = scalarIn(item, "precondition");
  if (precondition && precondition.value !== "") source.precondition = precondition.value;
  const query = scalarIn(item, type.value === "redis" ? "cmd" : "query");
  if (query && (type.value === "mysql" || type.value === "postgresql" || type.value === "redis"))
    source.query = { text: query.value, loc: query.loc };
  if (type.value === "http") {
    const http = hoconHttpConfig(item);
    if (http) source.http = http;
  }
  if (type.value === "file") {
    const inline = item.fields.get("rules");
    // backends.md §7: the boot schema of a file source has no `rules` (the REST API's form)
    if (inline)
      problems.push({
        loc: inline.keyLoc,
        message: "inline rules belong to the REST API; in emqx.conf EMQX refuses them (unknown_fields): use path",
      });
    const path = scalarIn(item, "path");
    if (!path)
      problems.push({ loc: item.loc, message: "the file source needs a path (EMQX refuses the configuration)" });
    else Object.assign(source, { path: normalize(ctx.resolvePath(path.value)), pathLoc: path.loc });
  }
  return source;
}

function readSources(ctx: AuditContext, layers: ConfigLayers, problems: ChainProblem[]): ChainSource[] {
  const list = layers.get("authorization.sources");
  if (list === undefined) {
    const loc = ctx.anchor("authorization.sources");
    return [
      {
        number: 1,
        type: "file",
        enable: true,
        loc,
        stops: true,
        path: normalize(joinPath(ctx.etcDir, "acl.conf")),
        pathLoc: loc,
      },
    ];
  }
  if (list.kind !== "array") {
    problems.push({ loc: list.loc, message: "authorization.sources must be an array" });
    return [];
  }
  const out: ChainSource[] = [];
  for (const item of list.items) {
    const s = readSource(ctx, item, out.length + 1, problems);
    if (!s) continue;
    const dup = out.find((o) => o.type === s.type);
    if (dup)
      problems.push({
        loc: s.loc,
        message: `a second ${s.type} source: EMQX refuses the configuration (duplicated_authz_source_type)`,
      });
    else out.push(s);
  }
  return out;
}

function cacheSettings(layers: ConfigLayers, problems: ChainProblem[]): ChainConfig["cache"] {
  const enable = layers.get("authorization.cache.enable");
  const size = layers.get("authorization.cache.max_size");
  const ttl = layers.get("authorization.cache.ttl");
  const maxSize: ChainSetting<number> = { value: 32 };
  if (size?.kind === "scalar" && /^\d+$/.test(size.value) && Number(size.value) >= 1)
    Object.assign(maxSize, { value: Number(size.value), loc: size.loc });
  else if (size) problems.push({ loc: size.loc, message: "authorization.cache.max_size must be a positive integer" });
  return {
    enable: enable?.kind === "scalar" ? { value: isOn(enable.value, true), loc: enable.loc } : { value: true },
    maxSize,
    ttl: ttl?.kind === "scalar" ? { value: ttl.value, loc: ttl.loc } : { value: "1m" },
  };
}

/** The chain of an EMQX 5/6 configuration; problems are what EMQX would refuse. */
export function readHoconChain(ctx: AuditContext, layers: ConfigLayers, problems: ChainProblem[]): ChainConfig {
  return {
    version: ctx.version,
    sources: readSources(ctx, layers, problems),
    noMatch: enumSetting(
      layers,
      "authorization.no_match",
      ["allow", "deny"] as const,
      defaultNoMatch(ctx.version),
      problems,
    ),
    zoneNoMatch: new Map(),
    denyAction: enumSetting(layers, "authorization.deny_action", ["ignore", "disconnect"] as const, "ignore", problems),
    cache: cacheSettings(layers, problems),
    jwtAclClaims: hoconJwtClaims(layers.get("authentication")),
    mounts: readHoconMounts(layers, ctx.version),
  };
}
