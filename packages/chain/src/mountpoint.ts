/**
 * Topic mountpoints: a prefix EMQX puts on every topic of a client (PUBLISH, SUBSCRIBE,
 * will), and whether authorization sees it. Facts (emqx/emqx; packages/chain/README.md
 * has the long form):
 * - EMQX 4.4.19: per zone, `zone.<z>.mountpoint` (`priv/emqx.schema`); `%c`/`%u` fill a
 *   whole topic level, `%u` stays when there is no username (`src/emqx_mountpoint.erl`
 *   `replvar/2`). `emqx_channel:check_pub_acl/2` and `check_sub_acl/2` authorize the topic
 *   as sent; `packet_to_message/2` and `do_subscribe/3` mount afterwards.
 * - EMQX 5.8.9: per listener, `listeners.<type>.<name>.mountpoint` (`emqx_schema.erl`,
 *   default ""); `${clientid}`, `${username}`, `${endpoint_name}`, `${zone}`,
 *   `${client_attrs.N}`; a missing value or another name stays as written
 *   (`emqx_mountpoint:replvar/2`, `lookup/2`). `do_check_pub_authz/2` and
 *   `do_check_sub_authzs2/3` authorize the unmounted topic ("TODO && FIXME (EMQX-10786):
 *   mount topic before authz check").
 * - master (6.1.0+): the same, plus `${peerhost}`; `authorization.include_mountpoint`
 *   (default false) makes `emqx_access_control:authorize/3` mount the topic before the
 *   cache and every source, after `$delayed/N/` is taken off (and the channel takes off
 *   `$share/G/`); `mqtt.namespace_as_mountpoint` (zone setting) mounts `<tns>/` from the
 *   `tns` client attribute when the listener has no mountpoint
 *   (`emqx_channel:fix_mountpoint/1`).
 */
import { isOn, type AuditContext } from "@emqx-acl/audit";
import { fromBytes, prepareRequest, toBytes, type Bytes, type Dialect, type Request } from "@emqx-acl/core";
import type { ConfigLoc } from "@emqx-acl/syntax";
import type { ChainSetting } from "./chain-config";
import type { ConfigLayers } from "./config-layers";

/** Mountpoint settings of one configuration. */
export interface MountConfig {
  /** EMQX 5/6 `listeners.<type>.<name>.mountpoint` by listener id (`tcp:default`); empty ones left out. */
  listeners: Map<string, ChainSetting<string> & { loc: ConfigLoc }>;
  /** EMQX 4 `zone.<z>.mountpoint` by zone; empty ones left out. */
  zones: Map<string, ChainSetting<string> & { loc: ConfigLoc }>;
  /** master `authorization.include_mountpoint` (undefined: not a setting of this version). */
  include?: ChainSetting<boolean>;
  /** master `mqtt.namespace_as_mountpoint`, and per zone `zones.<z>.mqtt.namespace_as_mountpoint`. */
  namespace?: { global: ChainSetting<boolean>; zones: Map<string, ChainSetting<boolean>> };
  /** `authorization.include_mountpoint` written for a version that has no such setting (a warning). */
  strayInclude?: ConfigLoc;
}

/** How a version fills and applies mountpoints. */
interface MountFacts {
  placeholders: "percent-level" | "template";
  /** Names `replvar` fills (others stay as written). */
  names: readonly string[];
  /** Whether authorization can see the mounted topic, and by which setting. */
  authz: "never" | "include_mountpoint";
  name: string;
}

const FACTS: Record<Dialect, MountFacts> = {
  v4: { placeholders: "percent-level", names: ["%c", "%u"], authz: "never", name: "EMQX 4.4" },
  v5: {
    placeholders: "template",
    names: ["clientid", "username", "endpoint_name", "zone"],
    authz: "never",
    name: "EMQX 5.8",
  },
  v6: {
    placeholders: "template",
    names: ["clientid", "username", "endpoint_name", "zone", "peerhost"],
    authz: "include_mountpoint",
    name: "EMQX 6",
  },
};

type Located = ChainSetting<string> & { loc: ConfigLoc };

function boolSetting(layers: ConfigLayers, path: string): ChainSetting<boolean> | undefined {
  const v = layers.get(path);
  return v?.kind === "scalar" ? { value: isOn(v.value, false), loc: v.loc } : undefined;
}

/** EMQX 5/6: every listener's mountpoint, and (6) the settings that apply it to authorization. */
export function readHoconMounts(layers: ConfigLayers, dialect: Dialect): MountConfig {
  const listeners = new Map<string, Located>();
  for (const type of layers.keysUnder("listeners"))
    for (const name of layers.keysUnder(`listeners.${type}`)) {
      const v = layers.get(`listeners.${type}.${name}.mountpoint`);
      if (v?.kind === "scalar" && v.value !== "") listeners.set(`${type}:${name}`, { value: v.value, loc: v.loc });
    }
  const mounts: MountConfig = { listeners, zones: new Map() };
  if (FACTS[dialect].authz !== "include_mountpoint") {
    const stray = layers.get("authorization.include_mountpoint");
    return stray ? { ...mounts, strayInclude: stray.loc } : mounts;
  }
  const zones = new Map<string, ChainSetting<boolean>>();
  for (const z of layers.keysUnder("zones")) {
    const s = boolSetting(layers, `zones.${z}.mqtt.namespace_as_mountpoint`);
    if (s) zones.set(z, s);
  }
  return {
    ...mounts,
    include: boolSetting(layers, "authorization.include_mountpoint") ?? { value: false },
    namespace: { global: boolSetting(layers, "mqtt.namespace_as_mountpoint") ?? { value: false }, zones },
  };
}

/** EMQX 4: `zone.<z>.mountpoint`. */
export function readV4Mounts(ctx: AuditContext): MountConfig {
  const zones = new Map<string, Located>();
  for (const { key } of ctx.keysUnder("zone")) {
    const m = /^([^.]+)\.mountpoint$/.exec(key);
    const s = m && ctx.get(`zone.${key}`);
    if (m && s && s.value !== "") zones.set(m[1], { value: s.value, loc: s.loc });
  }
  return { listeners: new Map(), zones };
}

/** A mountpoint that applies to the request's client. */
export interface Mount {
  /** The setting it comes from: `listeners.tcp.default.mountpoint`, `zone.external.mountpoint`, or the namespace. */
  setting: string;
  /** For messages: `listener tcp:default's mountpoint`, `zone external's mountpoint`, `the namespace mountpoint`. */
  label: string;
  /** As written (the namespace: `<tns>/`). */
  template: string;
  loc?: ConfigLoc;
  /** Filled for this client. */
  rendered: Bytes;
  /** The topic (filter) authorization sees: mounted when `applied`, else as sent (`$share/G/` and `$delayed/N/` off). */
  authorized: Bytes;
  applied: boolean;
  /** Why it is or is not applied to authorization. */
  why: string;
}

/** EMQX 4 `emqx_topic:feed_var/3`: a level exactly `%c`/`%u` becomes the value. */
function feedLevels(template: Bytes, request: Request): Bytes {
  return template
    .split("/")
    .map((level) =>
      level === "%c" ? request.clientid : level === "%u" && request.username !== null ? request.username : level,
    )
    .join("/");
}

/** EMQX 5/6 `emqx_template` with `emqx_mountpoint:lookup/2`: unknown or missing values stay as written. */
function fillTemplate(template: Bytes, request: Request, names: readonly string[]): Bytes {
  // `${$}` is a literal `$`
  return template.replace(/\$\{(?:[.]?([a-zA-Z0-9._]*)|\$)\}/g, (whole, name: string | undefined) => {
    if (name === undefined) return "$";
    const attr = /^client_attrs\.([^.]+)$/.exec(name);
    if (attr) return request.client_attrs[attr[1]] ?? whole;
    if (!names.includes(name)) return whole;
    if (name === "clientid") return request.clientid;
    if (name === "username") return request.username ?? whole;
    if (name === "zone") return toBytes(request.zone);
    // inet:ntoa of the address; none renders empty
    if (name === "peerhost") return request.peerhost ?? "";
    return whole; // endpoint_name: gateways only, never an MQTT client's
  });
}

/** The mountpoint written for the client (listener or zone), or the namespace one (master). */
function configured(
  mounts: MountConfig,
  request: Request,
): Omit<Mount, "rendered" | "authorized" | "applied" | "why"> | null {
  const listener = mounts.listeners.get(request.listener);
  if (listener)
    return {
      setting: `listeners.${request.listener.replace(":", ".")}.mountpoint`,
      label: `listener ${request.listener}'s mountpoint`,
      template: listener.value,
      loc: listener.loc,
    };
  const zone = mounts.zones.get(request.zone);
  if (zone)
    return {
      setting: `zone.${request.zone}.mountpoint`,
      label: `zone ${request.zone}'s mountpoint`,
      template: zone.value,
      loc: zone.loc,
    };
  const ns = mounts.namespace;
  const tns = request.client_attrs.tns;
  if (ns && tns !== undefined && (ns.zones.get(request.zone) ?? ns.global).value) {
    const zoned = ns.zones.has(request.zone);
    return {
      setting: zoned ? `zones.${request.zone}.mqtt.namespace_as_mountpoint` : "mqtt.namespace_as_mountpoint",
      label: "the namespace mountpoint (client attribute tns)",
      template: `${fromBytes(tns)}/`,
      loc: (ns.zones.get(request.zone) ?? ns.global).loc,
    };
  }
  return null;
}

/** True when some client's topics reach the sources mounted (master's include_mountpoint with a mountpoint set). */
export function mountsAuthorizedTopics(mounts: MountConfig): boolean {
  const ns = mounts.namespace;
  const namespaced = ns !== undefined && (ns.global.value || [...ns.zones.values()].some((z) => z.value));
  return mounts.include?.value === true && (mounts.listeners.size > 0 || namespaced);
}

/** The warning for `strayInclude`. */
export function strayIncludeWarning(dialect: Dialect): string {
  return `authorization.include_mountpoint is not a setting of ${FACTS[dialect].name} (EMQX 6.1.0 added it): ${FACTS[dialect].name} authorizes the topic before mounting it`;
}

/** The request's mountpoint and what authorization sees of it, or null when the client has none. */
export function mountFor(mounts: MountConfig, dialect: Dialect, request: Request): Mount | null {
  const found = configured(mounts, request);
  if (found === null) return null;
  const facts = FACTS[dialect];
  // the namespace is mounted as it is, not filled
  const template = toBytes(found.template);
  const rendered = found.setting.includes("namespace")
    ? template
    : facts.placeholders === "percent-level"
      ? feedLevels(template, request)
      : fillTemplate(template, request, facts.names);
  const sent = prepareRequest(request, dialect).topic;
  const include = mounts.include;
  const applied = facts.authz === "include_mountpoint" && include?.value === true;
  const why =
    facts.authz === "never"
      ? `${facts.name} authorizes the topic before mounting it`
      : applied
        ? "authorization.include_mountpoint = true"
        : `authorization.include_mountpoint = false${include?.loc ? "" : " (EMQX's default)"}`;
  return { ...found, rendered, authorized: applied ? rendered + sent : sent, applied, why };
}

/**
 * The request as the sources see it: the mounted topic when the mountpoint applies. A
 * mountpoint that itself starts with `$share/`, `$queue/` or `$delayed/` would be read
 * again by core's request preparation, which EMQX does not do: null then (not modelled).
 */
export function authorizedRequest(request: Request, mount: Mount | null, dialect: Dialect): Request | null {
  if (mount === null || !mount.applied) return request;
  const mounted: Request = { ...request, topic: mount.authorized };
  return prepareRequest(mounted, dialect).topic === mount.authorized ? mounted : null;
}
