/**
 * `fromWire`: one JSON request line (requests.jsonl, `check` input) → a `Request` with
 * byte strings. Throws `WireError` with a message naming the bad field.
 */
import type { Qos } from "./rule";
import { WIRE_DEFAULTS, type Request } from "./request";
import { toBytes } from "./bytes";
import { fastWireRequest } from "./wire-fast";
import { WireError } from "./wire-error";
import { jwtLoginFromWire, loginAclFromWire } from "./login-acl-wire";

export { WireError };

function field(obj: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

function str(obj: Record<string, unknown>, key: string, nullable: boolean, fallback?: string | null): string | null {
  const v = field(obj, key);
  if (v === undefined) {
    if (fallback !== undefined) return fallback;
    throw new WireError(`missing field "${key}"`);
  }
  if (v === null && nullable) return null;
  if (typeof v !== "string")
    throw new WireError(`"${key}" must be a string${nullable ? " or null" : ""}, got ${JSON.stringify(v)}`);
  return v;
}

/** Validates and converts a parsed JSON value. */
export function fromWire(json: unknown): Request {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new WireError("a request must be a JSON object");
  const o = json as Record<string, unknown>;
  const action = field(o, "action");
  if (action !== "publish" && action !== "subscribe")
    throw new WireError(`"action" must be "publish" or "subscribe", got ${JSON.stringify(action)}`);
  const qos = field(o, "qos") ?? 0;
  if (qos !== 0 && qos !== 1 && qos !== 2) throw new WireError(`"qos" must be 0, 1 or 2, got ${JSON.stringify(qos)}`);
  const retain = field(o, "retain") ?? false;
  if (typeof retain !== "boolean") throw new WireError(`"retain" must be true or false, got ${JSON.stringify(retain)}`);
  const attrs = field(o, "client_attrs") ?? {};
  if (typeof attrs !== "object" || attrs === null || Array.isArray(attrs))
    throw new WireError(`"client_attrs" must be an object of strings`);
  const client_attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v !== "string")
      throw new WireError(`client attribute "${k}" must be a string, got ${JSON.stringify(v)}`);
    client_attrs[toBytes(k)] = toBytes(v);
  }
  const username = str(o, "username", true, null);
  const cn = str(o, "cert_common_name", true, null);
  const superuser = field(o, "is_superuser") ?? false;
  if (typeof superuser !== "boolean")
    throw new WireError(`"is_superuser" must be true or false, got ${JSON.stringify(superuser)}`);
  const jwt = jwtLoginFromWire(o);
  const acl = loginAclFromWire(o);
  return {
    username: username === null ? null : toBytes(username),
    clientid: toBytes(str(o, "clientid", false, WIRE_DEFAULTS.clientid)!),
    peerhost: str(o, "peerhost", true, null),
    zone: str(o, "zone", false, WIRE_DEFAULTS.zone)!,
    listener: str(o, "listener", false, WIRE_DEFAULTS.listener)!,
    cert_common_name: cn === null ? null : toBytes(cn),
    client_attrs,
    action,
    qos: qos as Qos,
    retain: action === "subscribe" ? false : retain,
    topic: toBytes(str(o, "topic", false)!),
    ...(superuser ? { is_superuser: true as const } : {}),
    ...(acl ? { acl } : {}),
    ...(jwt ? { jwt } : {}),
  };
}

/**
 * Parses one request line; the error message says what is wrong (no line number). The
 * common simple line is read directly ({@link fastWireRequest}); anything else, and every
 * error, goes through `JSON.parse` and {@link fromWire}.
 */
export function parseWireLine(line: string): Request {
  const fast = fastWireRequest(line);
  if (fast !== null) return fast;
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    throw new WireError(`not valid JSON (${(e as Error).message})`);
  }
  return fromWire(json);
}

/** A decision as one conformance-format output line. */
export function decisionToWire(d: { decision: string; rule: number | null; note?: string }): string {
  return d.note === undefined
    ? `{"decision":"${d.decision}","rule":${d.rule}}`
    : JSON.stringify({ decision: d.decision, rule: d.rule, note: d.note });
}
