/**
 * The common request line, read without `JSON.parse`: one flat object of the known fields
 * whose strings have no escapes, `qos` 0/1/2, booleans, `null` and an empty
 * `client_attrs`. Anything else (escapes, other numbers, unknown or repeated keys, a wrong
 * type, bad JSON) returns null and the caller takes the general path, which also words
 * the errors — so this never decides what a line means on its own.
 */
import { WIRE_DEFAULTS, WIRE_FIELDS, type Request } from "./request";
import { toBytes } from "./bytes";

// the field numbers below follow WIRE_FIELDS
const KEYS = WIRE_FIELDS;
const enum K {
  username,
  clientid,
  peerhost,
  zone,
  listener,
  cert_common_name,
  client_attrs,
  action,
  qos,
  retain,
  topic,
}
const EMPTY: unique symbol = Symbol("{}");
type Value = string | number | boolean | null | typeof EMPTY | undefined;
/** Set by `value` when a string read holds a character above 0x7f (it then needs `toBytes`). */
let nonAscii = false;

function skipWs(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return i;
    i++;
  }
}

/** The field a key names, or -1: its first character and length name one candidate. */
function keyOf(s: string, start: number, end: number): number {
  const n = end - start;
  let k: number;
  switch (s.charCodeAt(start)) {
    case 117:
      k = K.username;
      break; // u
    case 99:
      k = n === 8 ? K.clientid : n === 12 ? K.client_attrs : K.cert_common_name;
      break; // c
    case 112:
      k = K.peerhost;
      break; // p
    case 122:
      k = K.zone;
      break; // z
    case 108:
      k = K.listener;
      break; // l
    case 97:
      k = K.action;
      break; // a
    case 113:
      k = K.qos;
      break; // q
    case 114:
      k = K.retain;
      break; // r
    case 116:
      k = K.topic;
      break; // t
    default:
      return -1;
  }
  const key = KEYS[k];
  if (key.length !== n) return -1;
  // compared by hand: startsWith with a position is a generic call, the hottest line here
  for (let m = 1; m < n; m++) if (s.charCodeAt(start + m) !== key.charCodeAt(m)) return -1;
  return k;
}

/** Reads one value at `i` into `out[k]`; returns the index after it, or -1. */
function value(s: string, i: number, out: Value[], k: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) {
    // a string without escapes ends at the next quote; an escape or a control character
    // before it (JSON forbids raw ones) is left to the general path
    const j = s.indexOf('"', i + 1);
    if (j < 0) return -1;
    for (let p = i + 1; p < j; p++) {
      const d = s.charCodeAt(p);
      if (d < 32 || d === 92) return -1;
      if (d > 127) nonAscii = true;
    }
    out[k] = s.slice(i + 1, j);
    return j + 1;
  }
  if (c >= 48 && c <= 50) {
    const d = s.charCodeAt(i + 1);
    if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69) return -1;
    out[k] = c - 48;
    return i + 1;
  }
  if (s.startsWith("null", i)) return ((out[k] = null), i + 4);
  if (s.startsWith("true", i)) return ((out[k] = true), i + 4);
  if (s.startsWith("false", i)) return ((out[k] = false), i + 5);
  if (c === 123) {
    const j = skipWs(s, i + 1);
    if (s.charCodeAt(j) === 125) return ((out[k] = EMPTY), j + 1);
  }
  return -1;
}

/** Reads the fields of the line into `out` (by {@link K}); false when it is not the simple shape. */
function scan(s: string, out: Value[]): boolean {
  let i = skipWs(s, 0);
  if (s.charCodeAt(i) !== 123) return false; // {
  i = skipWs(s, i + 1);
  if (s.charCodeAt(i) === 125) return skipWs(s, i + 1) === s.length;
  for (;;) {
    if (s.charCodeAt(i) !== 34) return false;
    const kEnd = s.indexOf('"', i + 1);
    const k = kEnd < 0 ? -1 : keyOf(s, i + 1, kEnd);
    // unknown and repeated keys: the general path
    if (k < 0 || out[k] !== undefined) return false;
    i = skipWs(s, kEnd + 1);
    if (s.charCodeAt(i) !== 58) return false; // :
    i = value(s, skipWs(s, i + 1), out, k);
    if (i < 0) return false;
    i = skipWs(s, i);
    const sep = s.charCodeAt(i);
    if (sep === 125) return skipWs(s, i + 1) === s.length;
    if (sep !== 44) return false;
    i = skipWs(s, i + 1);
  }
}

/** ASCII text is its own byte string. */
const asciiBytes = (t: string): string => t;

const text = (v: Value, fallback: string | null, nullable: boolean): string | null | undefined =>
  v === undefined ? fallback : typeof v === "string" ? v : v === null && nullable ? null : undefined;

/** The fields of the line being read, reused: reading is synchronous and never re-entered. */
const f: Value[] = new Array(KEYS.length).fill(undefined);

/** The request of a simple line, or null (take the general path: `JSON.parse` + `fromWire`). */
export function fastWireRequest(line: string): Request | null {
  for (let k = 0; k < f.length; k++) f[k] = undefined;
  nonAscii = false;
  if (!scan(line, f)) return null;
  const action = f[K.action];
  if (action !== "publish" && action !== "subscribe") return null;
  const qos = f[K.qos] ?? 0;
  const retain = f[K.retain] ?? false;
  const attrs = f[K.client_attrs];
  if ((qos !== 0 && qos !== 1 && qos !== 2) || typeof retain !== "boolean" || (attrs !== undefined && attrs !== EMPTY))
    return null;
  const username = text(f[K.username], null, true);
  const clientid = text(f[K.clientid], WIRE_DEFAULTS.clientid, false);
  const peerhost = text(f[K.peerhost], null, true);
  const zone = text(f[K.zone], WIRE_DEFAULTS.zone, false);
  const listener = text(f[K.listener], WIRE_DEFAULTS.listener, false);
  const cn = text(f[K.cert_common_name], null, true);
  const topic = text(f[K.topic], null, false);
  if (
    username === undefined ||
    clientid == null ||
    peerhost === undefined ||
    zone == null ||
    listener == null ||
    cn === undefined ||
    topic == null
  )
    return null;
  const bytes = nonAscii ? toBytes : asciiBytes;
  return {
    username: username === null ? null : bytes(username),
    clientid: bytes(clientid),
    peerhost,
    zone,
    listener,
    cert_common_name: cn === null ? null : bytes(cn),
    client_attrs: {},
    action,
    qos,
    retain: action === "subscribe" ? false : retain,
    topic: bytes(topic),
  };
}
