import { defineRule, type Finding } from "../lint/types";
import { dialectsFrom, parseAddress } from "@emqx-acl/core";
import { ruleCidrs } from "./util";

/** `10.0.0.9/24`: host bits set, EMQX silently clears them. */
export const rule = defineRule({
  id: "cidr-host-bits",
  category: "correctness",
  defaultSeverity: "warning",
  summary: "The CIDR has host bits set (`10.0.0.9/24`); EMQX silently widens it to the whole network.",
  rationale:
    "EMQX parses CIDRs with host-bit adjustment: `10.0.0.9/24` is `10.0.0.0/24`, the whole network, not the single host `10.0.0.9`. Write the network address (or `/32` for one host) so the rule says what it does.",
  examples: {
    bad: '{allow, {ipaddr, "10.0.0.9/24"}, all, ["#"]}.',
    good: '{allow, {ipaddr, "10.0.0.0/24"}, all, ["#"]}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const { rule: r, condition: c, cidr } of ruleCidrs(ctx.rules)) {
      const [addr, len] = cidr.text.split("/");
      if (len === undefined) continue;
      // the address as EMQX (esockd_cidr, inet:parse_address) reads it
      const ip = parseAddress(addr.trim());
      const bits = cidr.family === 4 ? 32 : 128;
      if (!ip || ip.family !== cidr.family) continue;
      const hostMask = (1n << BigInt(bits - cidr.prefixLength)) - 1n;
      if ((ip.value & hostMask) === 0n) continue;
      out.push({
        message: `"${cidr.text}" has host bits set: EMQX treats it as the whole /${cidr.prefixLength} network`,
        start: c.start,
        end: c.end,
        term: r.index,
      });
    }
    return out;
  },
});
