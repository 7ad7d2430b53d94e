/**
 * `emqx-acl ports [--docker] [--with-epmd] [--format pretty|json|iptables|nftables|aws-sg] NODE...`:
 * the distribution and RPC ports of each node (from its name) and firewall rules opening
 * exactly those between the listed nodes. Exit 0, 1 when the plan has warnings (port
 * clashes, non-IP hosts), 2 for a malformed node name.
 */
import {
  NodeNameError,
  hostRules,
  planPorts,
  renderAwsSecurityGroups,
  renderIptables,
  renderNftables,
  type PortPlan,
} from "@emqx-acl/audit";
import { Option, type Command } from "commander";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

const FORMATS = ["pretty", "json", "iptables", "nftables", "aws-sg"] as const;
type PortsFormat = (typeof FORMATS)[number];

export interface PortsOptions {
  docker?: boolean;
  withEpmd?: boolean;
  format: PortsFormat;
}

export interface PortsIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

function renderPretty(plan: PortPlan): string {
  const epmd = plan.nodes.some((n) => n.epmdPort !== null);
  const rows = [
    ["node", "suffix", "distribution", "rpc", ...(epmd ? ["epmd"] : [])],
    ...plan.nodes.map((n) => [
      n.node,
      n.suffix ?? "-",
      String(n.distPort),
      String(n.rpcPort),
      ...(epmd ? [String(n.epmdPort)] : []),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd(),
  );
  const epmdNote = epmd ? "epmd on 4369 (WITH_EPMD)" : "no epmd (4369)";
  lines.push(
    "",
    `RPC port discovery: ${plan.rpcPortDiscovery}${plan.rpcPortDiscovery === "manual" ? " (Docker images force it)" : ""}; ${epmdNote}.`,
  );
  for (const h of hostRules(plan)) {
    const from = h.sources.length ? h.sources.join(", ") : "no other node";
    lines.push(`on ${h.host}: allow tcp ${h.ports.join(", ")} from ${from}; deny those ports from anyone else`);
  }
  for (const w of plan.warnings) lines.push(`warning: ${w}`);
  return `${lines.join("\n")}\n`;
}

function render(plan: PortPlan, format: PortsFormat): string {
  switch (format) {
    case "pretty":
      return renderPretty(plan);
    case "json":
      return `${JSON.stringify({ rpcPortDiscovery: plan.rpcPortDiscovery, nodes: plan.nodes, hosts: hostRules(plan), warnings: plan.warnings }, null, 2)}\n`;
    case "iptables":
      return renderIptables(plan);
    case "nftables":
      return renderNftables(plan);
    case "aws-sg":
      return renderAwsSecurityGroups(plan);
  }
}

export function runPorts(nodes: string[], options: PortsOptions, io: PortsIO): number {
  let plan: PortPlan;
  try {
    plan = planPorts(nodes, { docker: options.docker, withEpmd: options.withEpmd });
  } catch (err) {
    if (err instanceof NodeNameError) throw new UsageError(err.message);
    throw err;
  }
  io.stdout.write(render(plan, options.format));
  // machine formats keep stdout clean; the warnings still reach the user
  if (options.format !== "pretty" && options.format !== "json")
    for (const w of plan.warnings) io.stderr.write(`emqx-acl: warning: ${w}\n`);
  return plan.warnings.length > 0 ? 1 : 0;
}

export function register(program: Command): void {
  addEmqxOption(program.command("ports"), {
    key: "emqx",
    description:
      "accepted for one option across commands; the ports are those of EMQX 4.4 to 6 alike (see --with-epmd)",
  })
    .description(
      "cluster ports of EMQX nodes from their names (dist 4370+N, RPC 5370+N or 5369) and firewall rules opening exactly those",
    )
    .argument("<nodes...>", "node names, e.g. emqx1@10.0.0.1 emqx2@10.0.0.2")
    .option("--docker", "RPC port discovery is manual (EMQX Docker images): RPC on 5369")
    .option("--with-epmd", "EMQX 4 started with WITH_EPMD: epmd on 4369, distribution on 6369")
    .addOption(new Option("--format <format>", "output format").choices([...FORMATS]).default("pretty"))
    .action((nodes: string[], options: PortsOptions) => {
      process.exitCode = runPorts(nodes, options, { stdout: process.stdout, stderr: process.stderr });
    });
}
