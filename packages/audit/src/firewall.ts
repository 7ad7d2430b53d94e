/**
 * Firewall rules from a {@link PortPlan}: on each host, accept the cluster ports from the
 * other members and drop them from everyone else. Nothing beyond those ports is opened.
 */
import { isIP } from "node:net";
import { hostRules, type PortPlan } from "./ports";

function header(plan: PortPlan, comment: string): string[] {
  return [
    plan.nodes.some((n) => n.epmdPort !== null)
      ? `${comment} EMQX 4 cluster ports with WITH_EPMD (epmd 4369, distribution 6369, RPC ${plan.rpcPortDiscovery === "manual" ? "5369" : "5370+N"}).`
      : `${comment} EMQX cluster ports (distribution 4370+N, RPC ${plan.rpcPortDiscovery === "manual" ? "5369 (manual discovery)" : "5370+N (stateless discovery)"}); no epmd (4369) is needed.`,
    `${comment} Apply each section on the host it names.`,
  ];
}

/** `iptables` commands (`ip6tables` for IPv6 peers), one section per host. */
export function renderIptables(plan: PortPlan): string {
  const out = header(plan, "#");
  for (const h of hostRules(plan)) {
    out.push("", `# on ${h.host} (${h.nodes.join(", ")})`);
    const ports = h.ports.join(",");
    for (const src of h.sources) {
      const cmd = isIP(src) === 6 ? "ip6tables" : "iptables";
      out.push(`${cmd} -A INPUT -p tcp -s ${src} -m multiport --dports ${ports} -j ACCEPT`);
    }
    out.push(`iptables -A INPUT -p tcp -m multiport --dports ${ports} -j DROP`);
    out.push(`ip6tables -A INPUT -p tcp -m multiport --dports ${ports} -j DROP`);
  }
  return `${out.join("\n")}\n`;
}

/** An `nft -f` file per host: one inet table with an input chain. */
export function renderNftables(plan: PortPlan): string {
  const out = header(plan, "#");
  for (const h of hostRules(plan)) {
    const v4 = h.sources.filter((s) => isIP(s) !== 6);
    const v6 = h.sources.filter((s) => isIP(s) === 6);
    const ports = `{ ${h.ports.join(", ")} }`;
    out.push(
      "",
      `# on ${h.host} (${h.nodes.join(", ")})`,
      "table inet emqx_cluster {",
      "  chain input {",
      "    type filter hook input priority 0; policy accept;",
    );
    if (v4.length) out.push(`    ip saddr { ${v4.join(", ")} } tcp dport ${ports} accept`);
    if (v6.length) out.push(`    ip6 saddr { ${v6.join(", ")} } tcp dport ${ports} accept`);
    out.push(`    tcp dport ${ports} drop`, "  }", "}");
  }
  return `${out.join("\n")}\n`;
}

interface AwsPermission {
  IpProtocol: "tcp";
  FromPort: number;
  ToPort: number;
  IpRanges: { CidrIp: string; Description: string }[];
  Ipv6Ranges: { CidrIpv6: string; Description: string }[];
}

/**
 * Security-group ingress per host, as `aws ec2 authorize-security-group-ingress
 * --ip-permissions` takes it. Security groups deny by default, so no drop rule is needed.
 * Hosts that are not IP addresses cannot be expressed and are left out (the plan warns).
 */
export function renderAwsSecurityGroups(plan: PortPlan): string {
  const names = new Map(plan.nodes.map((n) => [n.host, n.node]));
  const groups = hostRules(plan).map((h) => {
    const peers = h.sources.filter((s) => isIP(s));
    const perms: AwsPermission[] = h.ports.map((port) => ({
      IpProtocol: "tcp",
      FromPort: port,
      ToPort: port,
      IpRanges: peers
        .filter((s) => isIP(s) === 4)
        .map((s) => ({ CidrIp: `${s}/32`, Description: `EMQX ${names.get(s)}` })),
      Ipv6Ranges: peers
        .filter((s) => isIP(s) === 6)
        .map((s) => ({ CidrIpv6: `${s}/128`, Description: `EMQX ${names.get(s)}` })),
    }));
    return {
      Host: h.host,
      Nodes: h.nodes,
      IpPermissions: perms.filter((p) => p.IpRanges.length + p.Ipv6Ranges.length > 0),
    };
  });
  return `${JSON.stringify({ RpcPortDiscovery: plan.rpcPortDiscovery, SecurityGroups: groups }, null, 2)}\n`;
}
