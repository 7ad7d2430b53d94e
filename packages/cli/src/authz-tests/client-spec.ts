/**
 * A client as a test file describes it (a persona, or a case's inline `client`): the
 * identity fields EMQX's file source sees. Absent fields take the request defaults of
 * `explain`: no username, client id "", no peer address, zone `default`, listener `tcp:default`.
 */
import { parseAddress, toBytes, type Request } from "@emqx-acl/core";
import type { Node } from "yaml";
import { refuseUnknownKeys, type YamlSource } from "./yaml-reader";

/** The client fields of a test file (UTF-8 text, as written). */
export interface ClientSpec {
  username?: string | null;
  clientid?: string;
  peerhost?: string | null;
  /** TLS certificate common name (`${cert_common_name}`). */
  cn?: string | null;
  /** TLS certificate subject: accepted so personas can be shared, but no acl.conf rule reads it. */
  dn?: string | null;
  client_attrs?: Record<string, string>;
  zone?: string;
  listener?: string;
}

export const CLIENT_KEYS = [
  "username",
  "clientid",
  "peerhost",
  "cn",
  "dn",
  "client_attrs",
  "zone",
  "listener",
] as const;

/** Reads a client mapping; `what` names it in errors (e.g. `persona 'dashboard'`). */
export function readClientSpec(src: YamlSource, node: Node | null, what: string): ClientSpec {
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, CLIENT_KEYS, what);
  const spec: ClientSpec = {};
  for (const { key, value } of entries) {
    const field = `${what}: ${key}`;
    if (key === "client_attrs") spec.client_attrs = readAttrs(src, value, field);
    else if (key === "clientid" || key === "zone" || key === "listener") spec[key] = src.string(value, field);
    else if (key === "peerhost") spec.peerhost = readPeerhost(src, value, field);
    else spec[key as "username" | "cn" | "dn"] = src.nullableString(value, field);
  }
  return spec;
}

function readAttrs(src: YamlSource, node: Node | null, what: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const { key, value } of src.entries(node, what)) attrs[key] = src.string(value, `${what}.${key}`);
  return attrs;
}

function readPeerhost(src: YamlSource, node: Node | null, what: string): string | null {
  const text = src.nullableString(node, what);
  if (text !== null && parseAddress(text) === null)
    throw src.error(node, `${what} must be an IPv4 or IPv6 address, got '${text}'`);
  return text;
}

/** The client fields of a request: `base` (a persona) overridden by `over` (a case's `client`). */
export function clientFields(base: ClientSpec, over: ClientSpec): Omit<Request, "action" | "qos" | "retain" | "topic"> {
  const c = { ...base, ...over, client_attrs: { ...base.client_attrs, ...over.client_attrs } };
  const client_attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.client_attrs)) client_attrs[toBytes(k)] = toBytes(v);
  return {
    username: c.username == null ? null : toBytes(c.username),
    clientid: toBytes(c.clientid ?? ""),
    peerhost: c.peerhost ?? null,
    zone: c.zone ?? "default",
    listener: c.listener ?? "tcp:default",
    cert_common_name: c.cn == null ? null : toBytes(c.cn),
    client_attrs,
  };
}
