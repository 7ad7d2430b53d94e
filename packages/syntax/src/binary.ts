/**
 * Evaluates a binary literal `<<Seg, ...>>` the way `erl_parse:normalise/1` (via
 * `eval_bits`) does: string segments without `/utf8` keep the low 8 bits of each code
 * point, integers keep their low `Size * Unit` bits (two's complement), `/utf8|16|32`
 * encode, `/float` is IEEE 754. Returns the bytes as a byte string, or an error message.
 */
import type { Term } from "./term";

export interface Segment {
  value: Term;
  size: Term | null;
  types: { name: string; unit: number | null }[];
}

interface Spec {
  type: "integer" | "float" | "binary" | "bitstring" | "utf8" | "utf16" | "utf32";
  signed: boolean;
  little: boolean;
  unit: number | null;
}

const TYPE_ALIASES: Record<string, Spec["type"]> = {
  integer: "integer",
  float: "float",
  binary: "binary",
  bytes: "binary",
  bitstring: "bitstring",
  bits: "bitstring",
  utf8: "utf8",
  utf16: "utf16",
  utf32: "utf32",
};

function readSpec(types: Segment["types"]): Spec | string {
  const spec: Spec = { type: "integer", signed: false, little: false, unit: null };
  for (const t of types) {
    if (TYPE_ALIASES[t.name]) spec.type = TYPE_ALIASES[t.name];
    else if (t.name === "signed" || t.name === "unsigned") spec.signed = t.name === "signed";
    else if (t.name === "big" || t.name === "little" || t.name === "native") spec.little = t.name !== "big";
    else if (t.name === "unit" && t.unit !== null && t.unit >= 1 && t.unit <= 256) spec.unit = t.unit;
    else
      return `'${t.name}${t.unit !== null ? ":" + t.unit : ""}' is not a binary segment type (integer, float, binary, utf8, little, unit:N, ...)`;
    if (t.unit !== null && t.name !== "unit") return `only 'unit' takes a ':N' value, not '${t.name}'`;
  }
  return spec;
}

/** Larger segments are refused rather than built (a literal this big is not an ACL rule). */
const MAX_SEGMENT_BITS = 1 << 20;

/** Collects bits MSB first; byte-aligned writes take a fast path. */
class BitWriter {
  bytes: number[] = [];
  bits = 0;

  /** Appends the low `n` bits of `value`; linear in `n` (one toString, no per-byte shifts). */
  pushBits(value: bigint, n: number): void {
    if (n === 0) return;
    const v = BigInt.asUintN(n, value);
    if (this.bits % 8 === 0 && n % 8 === 0) {
      if (n === 8) this.bytes.push(Number(v));
      else {
        const hex = v.toString(16).padStart(n / 4, "0");
        for (let i = 0; i < hex.length; i += 2) this.bytes.push(parseInt(hex.slice(i, i + 2), 16));
      }
      this.bits += n;
      return;
    }
    const bin = v.toString(2).padStart(n, "0");
    for (let i = 0; i < n; i++) {
      const at = this.bits >> 3;
      if (at === this.bytes.length) this.bytes.push(0);
      if (bin.charCodeAt(i) === 49) this.bytes[at] |= 1 << (7 - (this.bits & 7));
      this.bits++;
    }
  }

  pushBytes(bytes: number[]): void {
    for (const b of bytes) this.pushBits(BigInt(b), 8);
  }
}

function sizeOf(seg: Segment): number | null | string {
  if (!seg.size) return null;
  if (seg.size.kind !== "integer" || seg.size.value < 0n) return "a segment size must be a non-negative integer";
  if (seg.size.value > BigInt(MAX_SEGMENT_BITS)) return `segments over ${MAX_SEGMENT_BITS} bits are not supported`;
  return Number(seg.size.value);
}

function encodeUtf(cp: number, type: Spec["type"], little: boolean): number[] | string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return `${cp} is not a Unicode code point`;
  let out: number[];
  if (type === "utf8") out = utf8(cp);
  else if (type === "utf32") out = [(cp >>> 24) & 255, (cp >> 16) & 255, (cp >> 8) & 255, cp & 255];
  else {
    const s = String.fromCodePoint(cp);
    out = [];
    for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) >> 8, s.charCodeAt(i) & 255);
    if (little) return out.reduce<number[]>((acc, _, i) => (i % 2 === 0 ? acc.concat(out[i + 1], out[i]) : acc), []);
    return out;
  }
  return little && type === "utf32" ? out.reverse() : out;
}

/** Writes one element (an integer or a float value) with the segment's spec. */
function writeElement(
  w: BitWriter,
  value: number | bigint,
  isFloat: boolean,
  spec: Spec,
  size: number | null,
): string | null {
  if (spec.type === "utf8" || spec.type === "utf16" || spec.type === "utf32") {
    if (size !== null) return "a utf8/utf16/utf32 segment takes no size";
    if (isFloat) return "a float cannot be encoded as utf8/utf16/utf32";
    const enc = encodeUtf(Number(value), spec.type, spec.little);
    if (typeof enc === "string") return enc;
    w.pushBytes(enc);
    return null;
  }
  const bits = (size ?? (spec.type === "float" ? 64 : 8)) * (spec.unit ?? 1);
  if (bits > MAX_SEGMENT_BITS) return `segments over ${MAX_SEGMENT_BITS} bits are not supported`;
  if (spec.type === "float") {
    if (bits === 16) {
      const h = float16Bits(Number(value));
      w.pushBytes(spec.little ? [h & 255, h >> 8] : [h >> 8, h & 255]);
      return null;
    }
    if (bits !== 64 && bits !== 32) return "a float segment must be 16, 32 or 64 bits";
    const buf = new DataView(new ArrayBuffer(bits / 8));
    if (bits === 64) buf.setFloat64(0, Number(value), spec.little);
    else buf.setFloat32(0, Number(value), spec.little);
    w.pushBytes([...new Uint8Array(buf.buffer)]);
    return null;
  }
  if (spec.type !== "integer")
    return "a /binary or /bitstring segment needs a binary value (a string is a list, not a binary)";
  if (isFloat) return "a float value needs the /float type";
  let v = BigInt(value);
  if (spec.little && bits % 8 === 0 && bits > 8) {
    const be = BigInt.asUintN(bits, v);
    let le = 0n;
    for (let i = 0; i < bits; i += 8) le = (le << 8n) | ((be >> BigInt(i)) & 255n);
    v = le;
  }
  w.pushBits(v, bits);
  return null;
}

function writeSegment(w: BitWriter, seg: Segment): string | null {
  const spec = readSpec(seg.types);
  if (typeof spec === "string") return spec;
  const size = sizeOf(seg);
  if (typeof size === "string") return size;
  const v = seg.value;
  if (v.kind === "string") {
    if (spec.type === "binary" || spec.type === "bitstring")
      return `a string segment cannot be /${seg.types.map((t) => t.name).join("-")}: a string is a list; write <<"..."/utf8>> or <<"...">>`;
    for (const c of v.codes) {
      const err = writeElement(w, spec.type === "float" ? c : BigInt(c), false, spec, size);
      if (err) return err;
    }
    return null;
  }
  if (v.kind === "integer") return writeElement(w, v.value, false, spec, size);
  if (v.kind === "float") return writeElement(w, v.value, true, spec, size);
  if (v.kind === "binary") {
    if (spec.type !== "binary" && spec.type !== "bitstring") return "a binary inside a binary needs the /binary type";
    const total = v.bits ?? v.bytes.length * 8;
    const want = size === null ? total : size * (spec.unit ?? (spec.type === "binary" ? 8 : 1));
    if (want > total || (spec.type === "binary" && want % 8 !== 0))
      return "binary segment size does not match its value";
    for (let i = 0; i < want; i++) w.pushBits(BigInt((v.bytes.charCodeAt(i >> 3) >> (7 - (i & 7))) & 1), 1);
    return null;
  }
  return `a ${v.kind} cannot be a binary segment; segments are strings, integers, chars, floats or binaries`;
}

/** Evaluates the segments; `bits` is set only when the result is not a whole number of bytes. */
export function evalBinary(segments: Segment[]): { bytes: string; bits?: number } | string {
  const first = segments[0];
  if (segments.length === 1 && first.value.kind === "string" && !first.size && !first.types.length) {
    return { bytes: lowBytes(first.value.codes) };
  }
  const w = new BitWriter();
  for (const seg of segments) {
    const err = writeSegment(w, seg);
    if (err) return err;
  }
  const bytes = lowBytes(w.bytes);
  return w.bits % 8 === 0 ? { bytes } : { bytes, bits: w.bits };
}

function lowBytes(codes: number[]): string {
  let s = "";
  for (let i = 0; i < codes.length; i += 8192)
    s += String.fromCharCode(...codes.slice(i, i + 8192).map((c) => c & 255));
  return s;
}

function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/** Round half to even. */
function roundEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d !== 0.5) return d > 0.5 ? f + 1 : f;
  return f % 2 === 0 ? f : f + 1;
}

/** IEEE 754 half precision bits of `x` (overflow → infinity, as Erlang does). */
export function float16Bits(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (Number.isNaN(x)) return 0x7e00;
  if (a === 0) return sign;
  if (a < 2 ** -14) return sign | roundEven(a / 2 ** -24); // subnormal (0x400 = smallest normal)
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  let m = roundEven((a / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  if (e > 15) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | m;
}
