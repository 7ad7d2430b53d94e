/**
 * Which ports an EMQX cluster uses between its nodes, from the node names alone
 * (cluster-security.md §4.1, §5.2): no epmd; distribution listens on 4370 + offset, RPC on
 * 5370 + offset (stateless discovery) or 5369 (manual discovery, which Docker images force).
 * offset = (trailing digits of the part before `@`) rem 60000, 0 when there are none.
 */
import { isIP } from "node:net";

export const DIST_BASE_PORT = 4370;
export const RPC_STATELESS_BASE_PORT = 5370;
export const RPC_MANUAL_PORT = 5369;
/** EMQX 4 started with WITH_EPMD: classic epmd plus the shipped node.dist_listen_min/max. */
export const EPMD_PORT = 4369;
export const V4_EPMD_DIST_PORT = 6369;

export interface NodePorts {
  node: string;
  /** Part before the first `@`. */
  name: string;
  /** Part after the first `@`. */
  host: string;
  /** Trailing digits of `name` as written, or null. */
  suffix: string | null;
  offset: number;
  distPort: number;
  rpcPort: number;
  /** 4369 when the node runs classic epmd (EMQX 4 with WITH_EPMD), else null. */
  epmdPort: number | null;
}

export interface PortPlan {
  rpcPortDiscovery: "stateless" | "manual";
  nodes: NodePorts[];
  /** Problems that make the plan unsafe or unusable (port clashes, non-IP hosts, remsh). */
  warnings: string[];
}

/** A node name the planner cannot use; the CLI turns it into a usage error. */
export class NodeNameError extends Error {}

export interface PortOptions {
  /** RPC port discovery is manual (Docker images force it): RPC on 5369. */
  docker?: boolean;
  /** EMQX 4 started with WITH_EPMD: epmd on 4369, distribution on 6369. */
  withEpmd?: boolean;
}

/** Parses `name@host` and computes its ports. */
export function nodePorts(node: string, options: PortOptions | boolean = {}): NodePorts {
  const { docker = false, withEpmd = false } = typeof options === "boolean" ? { docker: options } : options;
  const at = node.indexOf("@");
  if (at <= 0 || at === node.length - 1) throw new NodeNameError(`node name "${node}" is not name@host`);
  const name = node.slice(0, at);
  const host = node.slice(at + 1);
  if (!/^[0-9A-Za-z_-]+$/.test(name)) {
    throw new NodeNameError(`node name "${node}": the part before @ may only contain letters, digits, _ and -`);
  }
  const suffix = /[0-9]+$/.exec(name)?.[0] ?? null;
  // integer(digits) rem 60000; BigInt because a long digit run exceeds 2^53
  const offset = suffix === null ? 0 : Number(BigInt(suffix) % 60000n);
  return {
    node,
    name,
    host,
    suffix,
    offset,
    distPort: withEpmd ? V4_EPMD_DIST_PORT : DIST_BASE_PORT + offset,
    rpcPort: docker ? RPC_MANUAL_PORT : RPC_STATELESS_BASE_PORT + offset,
    epmdPort: withEpmd ? EPMD_PORT : null,
  };
}

/** Plans the ports of a set of nodes and says what is wrong with the set. */
export function planPorts(nodes: string[], options: PortOptions = {}): PortPlan {
  const docker = options.docker ?? false;
  const planned = nodes.map((n) => nodePorts(n, options));
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  for (const p of planned) {
    if (p.name.startsWith("remsh"))
      warnings.push(`${p.node}: names starting with "remsh" are remote shells and get port 0`);
    if (!isIP(p.host))
      warnings.push(`${p.node}: host "${p.host}" is not an IP address; firewall rules need the node's address`);
    // epmd is shared by all nodes of a host; the others must differ
    for (const port of new Set([p.distPort, p.rpcPort])) {
      const key = `${p.host}:${port}`;
      const other = seen.get(key);
      if (other && other !== p.node) warnings.push(`${p.node} and ${other} both use port ${port} on ${p.host}`);
      else seen.set(key, p.node);
    }
  }
  return { rpcPortDiscovery: docker ? "manual" : "stateless", nodes: planned, warnings };
}

export interface HostRules {
  host: string;
  nodes: string[];
  /** Ports that must be reachable on this host from `sources` (and only from them). */
  ports: number[];
  /** Addresses of the other cluster members (the host itself when it runs two nodes). */
  sources: string[];
}

/**
 * Per host: its nodes' distribution and RPC ports, reachable from the hosts of the other
 * listed nodes. Nodes connect to a peer's own ports, so nothing else is needed (no epmd).
 */
export function hostRules(plan: PortPlan): HostRules[] {
  const hosts = [...new Set(plan.nodes.map((n) => n.host))];
  return hosts.map((host) => {
    const mine = plan.nodes.filter((n) => n.host === host);
    const ports = [...new Set(mine.flatMap((n) => [n.epmdPort, n.distPort, n.rpcPort]))]
      .filter((p): p is number => p !== null)
      .sort((a, b) => a - b);
    const sources = hosts.filter((h) => h !== host || mine.length > 1);
    return { host, nodes: mine.map((n) => n.node), ports, sources };
  });
}
