/**
 * `inet:parse_address/1` on a string as Erlang/OTP's inet_parse does it (checked against
 * OTP 25's own answers: packages/core/src/engine/inet.vectors.jsonl):
 *
 * - IPv4 is the forgiving C form: 1 to 4 parts, the last one fills the remaining bytes
 *   (`"10.1"` is 10.0.0.1), and each part is read like a C literal: `0x…` hex, a leading
 *   `0` octal (`"012.0.0.0"` is 10.0.0.0; `"08"` is invalid), else decimal.
 * - IPv6: eight groups, `::` once, an optional strict dotted-quad tail, and an optional
 *   `%scope`: only on a fe80:: / ff02:: address whose second group is 0 and that has no
 *   IPv4 tail; a scope starting with `0` must be a decimal number ≤ 65535 and is put into
 *   the second group, any other scope text is ignored.
 *
 * Result: the family and the address as a BigInt over 32 or 128 bits, or null (einval).
 */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
  /** IPv4 only: the address as an unsigned 32-bit number (fast matching). */
  v4?: number;
}

/** Fast path for the common plain `a.b.c.d` form; null for anything else (then the full parser runs). */
function dottedQuad(text: string): number | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      // a leading zero makes the part octal: leave it to the full parser
      if (digits === 1 && part === 0) return null;
      part = part * 10 + (c - 48);
      if (++digits > 3) return null;
    } else if (c === 46 && digits > 0 && dots < 3) {
      if (part > 255) return null;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return null;
  }
  if (dots !== 3 || digits === 0 || part > 255) return null;
  return value * 256 + part;
}

/** Parses IPv4 (C forms) or IPv6 text; null when Erlang answers einval. */
export function parseAddress(text: string): IpAddress | null {
  const quad = dottedQuad(text);
  if (quad !== null) return { family: 4, value: BigInt(quad), v4: quad };
  const v4 = parseIpv4(text);
  if (v4 !== null) return { family: 4, value: v4, v4: Number(v4) };
  const v6 = parseIpv6(text);
  return v6 === null ? null : { family: 6, value: v6 };
}

const DIGITS: Record<number, RegExp> = { 8: /^[+-]?[0-7]+$/, 10: /^[+-]?[0-9]+$/, 16: /^[+-]?[0-9a-fA-F]+$/ };

/** erlang:list_to_integer/2 (an optional sign, then digits of the base); null for badarg. */
function listToInteger(text: string, base: 8 | 10 | 16): bigint | null {
  if (!DIGITS[base].test(text)) return null;
  const negative = text[0] === "-";
  const digits = text[0] === "+" || negative ? text.slice(1) : text;
  let v = 0n;
  for (const ch of digits) v = v * BigInt(base) + BigInt(parseInt(ch, 16));
  return negative ? -v : v;
}

const stripZeros = (s: string) => s.replace(/^0+/, "");

/** One C-literal part at the start of `text`: its value and the rest (from the `.` on), or null. */
function forgivingPart(text: string): { value: bigint; rest: string } | null {
  let base: 8 | 10 | 16 = 10;
  let body = text;
  let lead = "";
  let max = 10;
  if (/^0[xX]/.test(text)) [base, body, max] = [16, stripZeros(text.slice(2)), 8];
  else if (text.startsWith("0")) [base, body, lead, max] = [8, stripZeros(text.slice(1)), "0", 11];
  const dot = body.indexOf(".");
  const digits = dot < 0 ? body : body.slice(0, dot);
  if (digits.length > max) return null;
  const value = listToInteger(lead + digits, base);
  if (value === null || value < 0n) return null;
  return { value, rest: dot < 0 ? "" : body.slice(dot) };
}

/** inet_parse:ipv4_address: 1 to 4 C-literal parts, the last one fills the remaining bytes. */
export function parseIpv4(text: string): bigint | null {
  const nums: bigint[] = [];
  let rest = text;
  for (;;) {
    if (nums.length === 4) return null;
    const part = forgivingPart(rest);
    if (part === null) return null;
    nums.push(part.value);
    if (part.rest === "") break;
    // a `.` must be followed by another part
    if (part.rest.length < 2) return null;
    rest = part.rest.slice(1);
  }
  const last = nums[nums.length - 1];
  const lead = nums.slice(0, -1);
  if (lead.some((n) => n > 255n)) return null;
  const restBits = BigInt(8 * (4 - lead.length));
  if (last >= 1n << restBits) return null;
  let value = 0n;
  for (const n of lead) value = (value << 8n) | n;
  return (value << restBits) | last;
}

/** A strict dotted-quad octet (the IPv4 tail of an IPv6 address): no leading zeros. */
function strictOctet(field: string): bigint | null {
  if (field === "0") return 0n;
  if (field.length < 1 || field.length > 3 || field.startsWith("0")) return null;
  const v = listToInteger(field, 10);
  return v === null || v < 0n || v > 255n ? null : v;
}

/** Strict dotted quad, used for the IPv4 tail of an IPv6 address. */
function parseIpv4Strict(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const p of parts) {
    const o = strictOctet(p);
    if (o === null) return null;
    value = (value << 8n) | o;
  }
  return value;
}

const HEX = /^[0-9a-fA-F]{1,4}$/;

/** The eight groups of an IPv6 address without scope, and whether it ended in an IPv4 tail. */
function ipv6Groups(text: string): { groups: bigint[]; v4Tail: boolean } | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] === "" ? [] : halves[0].split(":");
  const tail = halves.length === 2 ? (halves[1] === "" ? [] : halves[1].split(":")) : [];
  let v4Tail = false;
  const groups = (list: string[], allowV4: boolean): bigint[] | null => {
    const out: bigint[] = [];
    for (let i = 0; i < list.length; i++) {
      const g = list[i];
      if (allowV4 && i === list.length - 1 && g.includes(".")) {
        const v4 = parseIpv4Strict(g);
        if (v4 === null) return null;
        v4Tail = true;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (HEX.test(g)) out.push(BigInt(`0x${g}`));
      else return null;
    }
    return out;
  };
  const h = groups(head, halves.length === 1);
  const t = groups(tail, true);
  if (h === null || t === null) return null;
  if (halves.length === 1) return h.length === 8 ? { groups: h, v4Tail } : null;
  if (h.length + t.length > 7) return null;
  return { groups: [...h, ...Array<bigint>(8 - h.length - t.length).fill(0n), ...t], v4Tail };
}

/** inet_parse:ipv6_address with the scope-id rules above. */
export function parseIpv6(text: string): bigint | null {
  const pct = text.indexOf("%");
  const parsed = ipv6Groups(pct < 0 ? text : text.slice(0, pct));
  if (parsed === null) return null;
  const g = parsed.groups;
  if (pct >= 0) {
    const scope = text.slice(pct + 1);
    if (parsed.v4Tail || (g[0] !== 0xfe80n && g[0] !== 0xff02n) || g[1] !== 0n) return null;
    if (scope.startsWith("0")) {
      if (!/^[0-9]+$/.test(scope) || BigInt(scope) > 0xffffn) return null;
      g[1] = BigInt(scope);
    }
  }
  return g.reduce((acc, x) => (acc << 16n) | x, 0n);
}
