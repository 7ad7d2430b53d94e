/**
 * CIDR helpers for emitters: the prefix EMQX effectively applies (its mask, so the IPv6
 * `/48` bug is kept) and the network in the forms SQL needs.
 */
import type { Cidr } from "@emqx-acl/core";

/** Prefix length of the mask EMQX applies, or null when the mask is not a prefix. */
export function effectivePrefix(cidr: Cidr): number | null {
  const bits = cidr.family === 4 ? 32 : 128;
  let n = 0;
  for (let i = bits - 1; i >= 0; i--) {
    if ((cidr.mask >> BigInt(i)) & 1n) n++;
    else break;
  }
  const full = (1n << BigInt(bits)) - 1n;
  const expect = n === 0 ? 0n : (full << BigInt(bits - n)) & full;
  return expect === cidr.mask ? n : null;
}

/** Network bytes (4 or 16), most significant first. */
export function networkBytes(cidr: Cidr): number[] {
  const len = cidr.family === 4 ? 4 : 16;
  const out: number[] = [];
  for (let i = len - 1; i >= 0; i--) out.push(Number((cidr.network >> BigInt(8 * i)) & 0xffn));
  return out;
}

/** `network/prefix` text with the effective prefix (what PostgreSQL's `cidr` needs). */
export function effectiveCidrText(cidr: Cidr): string | null {
  const prefix = effectivePrefix(cidr);
  if (prefix === null) return null;
  const b = networkBytes(cidr);
  if (cidr.family === 4) return `${b.join(".")}/${prefix}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  return `${groups.join(":")}/${prefix}`;
}
