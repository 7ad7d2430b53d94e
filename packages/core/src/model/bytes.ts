/**
 * Byte strings: JS strings whose char codes are all 0..255, one char per byte. EMQX
 * compares binaries, so every name and topic in the rule model and in requests is one.
 */
import type { Bytes } from "./rule";

const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is part of a name or topic (EMQX compares bytes), not a byte-order mark
const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Turns a Uint8Array into a byte string. */
export function fromUint8(bytes: Uint8Array): Bytes {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

/** Turns a byte string into a Uint8Array (char codes above 255 keep their low 8 bits). */
export function toUint8(bytes: Bytes): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i) & 0xff;
  return out;
}

/** UTF-8 text → byte string (what an MQTT client sends for that text). */
export function toBytes(text: string): Bytes {
  // fast path: ASCII is its own UTF-8 encoding
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  return ascii ? text : fromUint8(encoder.encode(text));
}

/** Byte string → text, decoding UTF-8; invalid sequences become U+FFFD. */
export function fromBytes(bytes: Bytes): string {
  return isAscii(bytes) ? bytes : decoder.decode(toUint8(bytes));
}

/** True when every char code is < 128. */
export function isAscii(bytes: Bytes): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** True when the byte string is well-formed UTF-8 (what Erlang's `unicode` functions accept). */
export function isValidUtf8(bytes: Bytes): boolean {
  if (isAscii(bytes)) return true;
  try {
    strictDecoder.decode(toUint8(bytes));
    return true;
  } catch {
    return false;
  }
}

/**
 * Code points → UTF-8 bytes as `unicode:characters_to_binary/1` does; null when a code
 * point is not a Unicode scalar value (surrogates, > 0x10FFFF, negative).
 */
export function codePointsToUtf8(codes: readonly number[]): Bytes | null {
  let out = "";
  for (const c of codes) {
    if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return null;
    if (c < 0x80) out += String.fromCharCode(c);
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else
      out += String.fromCharCode(
        0xf0 | (c >> 18),
        0x80 | ((c >> 12) & 0x3f),
        0x80 | ((c >> 6) & 0x3f),
        0x80 | (c & 0x3f),
      );
  }
  return out;
}

/** Code points → Latin-1 bytes as `list_to_binary/1` does; null when one is above 255. */
export function codePointsToLatin1(codes: readonly number[]): Bytes | null {
  let out = "";
  for (const c of codes) {
    if (c < 0 || c > 255) return null;
    out += String.fromCharCode(c);
  }
  return out;
}

/** A byte string as readable text for messages: UTF-8 when valid, else `\xHH` escapes. */
export function showBytes(bytes: Bytes): string {
  if (isValidUtf8(bytes)) return fromBytes(bytes);
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    out += c < 0x80 ? bytes[i] : `\\x${c.toString(16).padStart(2, "0")}`;
  }
  return out;
}
