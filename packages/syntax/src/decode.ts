/**
 * Bytes → text exactly as `file:consult/1` (OTP 25) reads a file: UTF-8 unless a
 * `%% coding: latin-1` comment (also `-*- coding: latin-1 -*-`) sits on line 1 or 2;
 * invalid UTF-8 fails the whole file; a UTF-8 BOM is NOT skipped (the scanner then
 * rejects U+FEFF at 1:1 as an illegal character).
 */
import type { Diagnostic } from "./diagnostic";
import { LineIndex } from "./line-index";

export interface DecodeResult {
  text: string;
  diagnostics: Diagnostic[];
  encoding: "utf8" | "latin1";
}

/** Like epp: a line holding `%%`, later `coding` then `:` or `=`, then the name. */
const CODING = /%%.*coding[:=]\s*([-a-zA-Z0-9]+)/;

/** The encoding declared by a magic comment on line 1 or 2, default UTF-8. */
export function declaredEncoding(bytes: Uint8Array): "utf8" | "latin1" {
  let lineStart = 0;
  for (let line = 0; line < 2 && lineStart <= bytes.length; line++) {
    let end = bytes.indexOf(10, lineStart);
    if (end < 0) end = bytes.length;
    const m = CODING.exec(latin1(bytes.subarray(lineStart, Math.min(end, lineStart + 1000))));
    if (m) {
      const name = m[1].toLowerCase();
      if (name === "latin-1") return "latin1";
      if (name === "utf-8") return "utf8";
    }
    lineStart = end + 1;
  }
  return "utf8";
}

function latin1(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/** Reads acl.conf bytes the way `file:consult` does. Never throws. */
export function decodeAclBytes(bytes: Uint8Array): DecodeResult {
  if (declaredEncoding(bytes) === "latin1") return { text: latin1(bytes), diagnostics: [], encoding: "latin1" };
  try {
    return { text: strict.decode(bytes), diagnostics: [], encoding: "utf8" };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const text = lenient.decode(bytes);
    const at = lenient.decode(bytes.subarray(0, bad)).length;
    const index = new LineIndex(text);
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return {
      text,
      encoding: "utf8",
      diagnostics: [
        {
          id: "syntax-invalid-unicode",
          severity: "error",
          message: `invalid UTF-8 (byte 0x${byte}): file:consult reads acl.conf as UTF-8 and rejects the whole file; re-save it as UTF-8, or declare '%% coding: latin-1' on line 1`,
          range: index.range(at, at + 1),
          term: null,
        },
      ],
    };
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n = 0;
    let min = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}
