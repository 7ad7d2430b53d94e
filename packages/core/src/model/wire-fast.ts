/**
 * The common request line, read without `JSON.parse`: one flat object of the known fields
 * whose strings have no escapes, `qos` 0/1/2, booleans, `null` and an empty
 * `client_attrs`. Anything else (escapes, other numbers, unknown or repeated keys, a wrong
 * type, bad JSON) returns null and the caller takes the general path, which also words
 * the errors — so this never decides what a line means on its own.
 */
import type { Request } from "./request";
import { toBytes } from "./bytes";

const KEYS = new Set(["username", "clientid", "peerhost", "zone", "listener", "cert_common_name", "client_attrs", "action", "qos", "retain", "topic"]);
const EMPTY: unique symbol = Symbol("{}");
type Value = string | number | boolean | null | typeof EMPTY;

function skipWs(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return i;
    i++;
  }
}

/** Reads the fields of the line into `out`; false when it is not the simple shape. */
function scan(s: string, out: Map<string, Value>): boolean {
  let i = skipWs(s, 0);
  if (s.charCodeAt(i) !== 123) return false; // {
  i = skipWs(s, i + 1);
  if (s.charCodeAt(i) === 125) return skipWs(s, i + 1) === s.length;
  for (;;) {
    if (s.charCodeAt(i) !== 34) return false;
    const kEnd = s.indexOf('"', i + 1);
    if (kEnd < 0) return false;
    const key = s.slice(i + 1, kEnd);
    if (!KEYS.has(key) || out.has(key)) return false;
    i = skipWs(s, kEnd + 1);
    if (s.charCodeAt(i) !== 58) return false; // :
    i = skipWs(s, i + 1);
    const c = s.charCodeAt(i);
    let v: Value;
    if (c === 34) {
      let j = i + 1;
      for (;; j++) {
        const d = s.charCodeAt(j);
        if (d === 34) break;
        // escapes, control characters and the end of the line: the general path
        if (d === 92 || d < 32 || Number.isNaN(d)) return false;
      }
      v = s.slice(i + 1, j);
      i = j + 1;
    } else if (c >= 48 && c <= 50) {
      const d = s.charCodeAt(i + 1);
      if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69) return false;
      v = c - 48;
      i++;
    } else if (s.startsWith("null", i)) [v, i] = [null, i + 4];
    else if (s.startsWith("true", i)) [v, i] = [true, i + 4];
    else if (s.startsWith("false", i)) [v, i] = [false, i + 5];
    else if (c === 123 && s.charCodeAt(skipWs(s, i + 1)) === 125) {
      v = EMPTY;
      i = skipWs(s, i + 1) + 1;
    }
    else return false;
    out.set(key, v);
    i = skipWs(s, i);
    const sep = s.charCodeAt(i);
    if (sep === 125) return skipWs(s, i + 1) === s.length;
    if (sep !== 44) return false;
    i = skipWs(s, i + 1);
  }
}

const text = (v: Value | undefined, fallback: string | null, nullable: boolean): string | null | undefined =>
  v === undefined ? fallback : typeof v === "string" ? v : v === null && nullable ? null : undefined;

/** The request of a simple line, or null (take the general path: `JSON.parse` + `fromWire`). */
export function fastWireRequest(line: string): Request | null {
  const f = new Map<string, Value>();
  if (!scan(line, f)) return null;
  const action = f.get("action");
  if (action !== "publish" && action !== "subscribe") return null;
  const qos = f.get("qos") ?? 0;
  const retain = f.get("retain") ?? false;
  const attrs = f.get("client_attrs");
  if ((qos !== 0 && qos !== 1 && qos !== 2) || typeof retain !== "boolean" || (attrs !== undefined && attrs !== EMPTY)) return null;
  const username = text(f.get("username"), null, true);
  const clientid = text(f.get("clientid"), "", false);
  const peerhost = text(f.get("peerhost"), null, true);
  const zone = text(f.get("zone"), "default", false);
  const listener = text(f.get("listener"), "tcp:default", false);
  const cn = text(f.get("cert_common_name"), null, true);
  const topic = text(f.get("topic"), null, false);
  if (username === undefined || clientid == null || peerhost === undefined || zone == null || listener == null || cn === undefined || topic == null) return null;
  return {
    username: username === null ? null : toBytes(username),
    clientid: toBytes(clientid),
    peerhost,
    zone,
    listener,
    cert_common_name: cn === null ? null : toBytes(cn),
    client_attrs: {},
    action,
    qos,
    retain: action === "subscribe" ? false : retain,
    topic: toBytes(topic),
  };
}
