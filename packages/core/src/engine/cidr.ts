/**
 * CIDR text as `esockd_cidr:parse(S, true)` reads it: split on `/` with empty parts
 * dropped (`string:tokens`), the address through `inet:parse_address/1`, host bits
 * cleared, and the IPv6 `/48` bug (treated as `/32`). Matching never crosses families.
 */
import type { Cidr } from "../model/rule";
import { parseAddress, type IpAddress } from "./inet";

export type CidrResult = { ok: true; cidr: Cidr } | { ok: false; message: string };

/** Parses one CIDR string; the error message says what EMQX would crash with. */
export function parseCidr(text: string): CidrResult {
  const tokens = text.split("/").filter((t) => t !== "");
  if (tokens.length === 0 || tokens.length > 2) {
    return { ok: false, message: `"${text}" is not an address or address/prefix (esockd_cidr: function_clause)` };
  }
  const addr = parseAddress(tokens[0]);
  if (addr === null) {
    return {
      ok: false,
      message: `"${tokens[0]}" is not an IP address ({badmatch,{error,einval}} in esockd_cidr:parse_addr/1)`,
    };
  }
  const bits = addr.family === 4 ? 32 : 128;
  let prefixLength = bits;
  if (tokens.length === 2) {
    // list_to_integer/1: optional sign, decimal digits
    if (!/^[+-]?[0-9]+$/.test(tokens[1])) {
      return { ok: false, message: `prefix "${tokens[1]}" is not an integer (badarg in list_to_integer/1)` };
    }
    prefixLength = Number(tokens[1]);
    if (prefixLength < 0 || prefixLength > bits) {
      return {
        ok: false,
        message: `prefix /${tokens[1]} is out of range 0..${bits} (function_clause in esockd_cidr:start_mask/2)`,
      };
    }
  }
  // esockd_cidr:end_mask/2 tests `Len >= 49` where 48 was meant: /48 acts as /32
  const effective = addr.family === 6 && prefixLength === 48 ? 32 : prefixLength;
  const full = (1n << BigInt(bits)) - 1n;
  const mask = (full << BigInt(bits - effective)) & full;
  const cidr: Cidr = { family: addr.family, network: addr.value & mask, prefixLength, mask, text };
  if (addr.family === 4) {
    cidr.network4 = Number(cidr.network);
    cidr.mask4 = Number(mask);
  }
  return { ok: true, cidr };
}

/** True when the address lies in the CIDR (never across IPv4/IPv6). */
export function cidrContains(cidr: Cidr, addr: IpAddress): boolean {
  if (cidr.family !== addr.family) return false;
  if (addr.v4 !== undefined && cidr.mask4 !== undefined) return (addr.v4 & cidr.mask4) >>> 0 === cidr.network4;
  return (addr.value & cidr.mask) === cidr.network;
}
