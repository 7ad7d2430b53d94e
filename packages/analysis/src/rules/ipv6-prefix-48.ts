import { dialectsFrom } from "@emqx-acl/core";
import { defineRule, type Finding } from "../lint/types";
import { ruleCidrs } from "./util";

/** esockd treats an IPv6 /48 as /32. */
export const rule = defineRule({
  id: "ipv6-prefix-48",
  category: "security",
  defaultSeverity: "warning",
  summary: "EMQX matches an IPv6 `/48` like a `/32`: the rule covers 65536 times more addresses than written.",
  rationale:
    'esockd\'s CIDR code uses `Len >= 49` where 48 is meant, so the third 16-bit group of a `/48` becomes a wildcard: `{ipaddr, "2001:db8:abcd::/48"}` matches `2001:db8:ffff::1`. For an allow rule that is a hole; split the network into two `/49` prefixes instead.',
  examples: {
    bad: '{allow, {ipaddr, "2001:db8:abcd::/48"}, all, ["#"]}.',
    good: '{allow, {ipaddrs, ["2001:db8:abcd::/49", "2001:db8:abcd:8000::/49"]}, all, ["#"]}.',
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const { rule: r, condition: c, cidr } of ruleCidrs(ctx.rules))
      if (cidr.family === 6 && cidr.prefixLength === 48)
        out.push({
          message: `"${cidr.text}" is matched as a /32 by EMQX (esockd bug): it also covers every other /48 in the same /32`,
          start: c.start,
          end: c.end,
          term: r.index,
        });
    return out;
  },
});
