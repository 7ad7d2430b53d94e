import type { AuditContext, Finding } from "../context";
import { allVersions, type ClusterRule } from "../rule";

export const nodeNameDuplicate: ClusterRule = {
  id: "node-name-duplicate",
  severity: allVersions("warning"),
  summary: "Two configurations audited together give the same node.name.",
  rationale:
    "Node names identify cluster members; a second node with the same name takes over or is refused. Reported when several emqx.conf files are audited together.",
  sources: "cluster-security.md §3",
  check: () => [],
  checkCluster(nodes) {
    const seen = new Map<string, AuditContext>();
    const out: { node: number; finding: Finding }[] = [];
    nodes.forEach((ctx, i) => {
      const name = ctx.get("node.name")?.value ?? "emqx@127.0.0.1";
      const first = seen.get(name);
      if (first)
        out.push({
          node: i,
          finding: {
            id: this.id,
            loc: ctx.locOf("node.name"),
            message: `node.name ${name} is also the name in ${first.configPath}`,
          },
        });
      else seen.set(name, ctx);
    });
    return out;
  },
};
