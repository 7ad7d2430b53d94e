/**
 * `inet:parse_address/1` as Erlang does it, including IPv4 short forms (`"10.1"` is
 * 10.0.0.1, `"8"` is 0.0.0.8: the last part fills the remaining bytes). Result: the
 * family and the address as a BigInt over 32 or 128 bits, or null for invalid text.
 */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
  /** IPv4 only: the address as an unsigned 32-bit number (fast matching). */
  v4?: number;
}

/** Fast path for the common `a.b.c.d` form; null for anything else (then the full parser runs). */
function dottedQuad(text: string): number | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
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

/** Parses IPv4 (short forms allowed) or IPv6 text; null when Erlang answers einval. */
export function parseAddress(text: string): IpAddress | null {
  const quad = dottedQuad(text);
  if (quad !== null) return { family: 4, value: BigInt(quad), v4: quad };
  const v4 = parseIpv4(text);
  if (v4 !== null) return { family: 4, value: v4, v4: Number(v4) };
  const v6 = parseIpv6(text);
  return v6 === null ? null : { family: 6, value: v6 };
}

const DEC = /^[0-9]+$/;

/** inet_parse:ipv4_address: 1 to 4 decimal parts, the last one fills the remaining bytes. */
export function parseIpv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length < 1 || parts.length > 4) return null;
  if (!parts.every((p) => DEC.test(p))) return null;
  const nums = parts.map((p) => BigInt(p));
  const last = nums[nums.length - 1];
  const lead = nums.slice(0, -1);
  if (lead.some((n) => n > 255n)) return null;
  const restBits = BigInt(8 * (4 - lead.length));
  if (last >= 1n << restBits) return null;
  let value = 0n;
  for (const n of lead) value = (value << 8n) | n;
  return (value << restBits) | last;
}

/** Strict dotted quad, used for the IPv4 tail of an IPv6 address. */
function parseIpv4Strict(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => DEC.test(p) && p.length <= 3)) return null;
  return parseIpv4(text);
}

const HEX = /^[0-9a-fA-F]{1,4}$/;

/** inet_parse:ipv6_address: eight groups, `::` once, optional IPv4 tail. */
export function parseIpv6(text: string): bigint | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] === "" ? [] : halves[0].split(":");
  const tail = halves.length === 2 ? (halves[1] === "" ? [] : halves[1].split(":")) : [];
  const groups = (list: string[], allowV4: boolean): bigint[] | null => {
    const out: bigint[] = [];
    for (let i = 0; i < list.length; i++) {
      const g = list[i];
      if (allowV4 && i === list.length - 1 && g.includes(".")) {
        const v4 = parseIpv4Strict(g);
        if (v4 === null) return null;
        out.push(v4 >> 16n, v4 & 0xffffn);
      } else if (HEX.test(g)) out.push(BigInt(`0x${g}`));
      else return null;
    }
    return out;
  };
  const h = groups(head, halves.length === 1);
  const t = groups(tail, true);
  if (h === null || t === null) return null;
  let all: bigint[];
  if (halves.length === 1) {
    if (h.length !== 8) return null;
    all = h;
  } else {
    if (h.length + t.length > 7) return null;
    all = [...h, ...Array(8 - h.length - t.length).fill(0n), ...t];
  }
  return all.reduce((acc, g) => (acc << 16n) | g, 0n);
}
