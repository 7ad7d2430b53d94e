import type { AuditContext, Finding } from "../context";
import { allVersions, type ClusterRule } from "../rule";
import { DEFAULT_COOKIES } from "./cookie-default";

interface Shared {
  label: string;
  /** The effective value (defaults applied) and the setting's path, per version. */
  read(ctx: AuditContext): { value: string; path: string };
  /** Secret values are compared, never printed. */
  secret?: boolean;
  why: string;
}

const pick = (ctx: AuditContext, paths: string[], fallback: string) => {
  for (const p of paths) {
    const s = ctx.get(p);
    if (s) return { value: s.value, path: p };
  }
  return { value: fallback, path: paths[0] };
};

const SHARED: Shared[] = [
  {
    label: "node.cookie",
    read: (ctx) =>
      pick(ctx, ["node.cookie"], ctx.caps.cookieUnset === "default" ? DEFAULT_COOKIES[ctx.version][0] : "(unset)"),
    secret: true,
    why: "nodes with different cookies cannot connect",
  },
  {
    label: "cluster.proto_dist",
    read: (ctx) => pick(ctx, ["cluster.proto_dist"], "inet_tcp"),
    why: "a TLS node and a TCP node cannot talk distribution",
  },
  {
    label: "RPC transport",
    read: (ctx) =>
      ctx.caps.configFormat === "cuttlefish"
        ? pick(ctx, ["rpc.driver"], "tcp")
        : pick(ctx, ["rpc.protocol", "rpc.driver"], "tcp"),
    why: "gen_rpc clients connect with their own transport, so mixed tcp/ssl nodes cannot call each other",
  },
  {
    label: "rpc.port_discovery",
    read: (ctx) => pick(ctx, ["rpc.port_discovery"], "stateless"),
    why: "nodes compute the peer's RPC port from it",
  },
];

/** The first file naming a node; the warnings go to the others. */
export const clusterSettingMismatch: ClusterRule = {
  id: "cluster-setting-mismatch",
  severity: allVersions("warning"),
  summary: "Configurations of one cluster disagree on a setting every node must share.",
  rationale:
    "All members must share the cookie, the distribution protocol, the RPC transport and the RPC port discovery mode; a node that differs cannot join or cannot reach its peers. Reported when several emqx.conf files are audited together (the first one is the reference).",
  sources: "cluster-security.md §2, §4.2, §5.1, §5.2",
  check: () => [],
  checkCluster(nodes) {
    const out: { node: number; finding: Finding }[] = [];
    const [ref, ...rest] = nodes;
    for (const shared of SHARED) {
      const want = shared.read(ref);
      rest.forEach((ctx, i) => {
        const got = shared.read(ctx);
        if (got.value === want.value) return;
        const values = shared.secret ? "" : ` (${got.value} here, ${want.value} there)`;
        out.push({
          node: i + 1,
          finding: {
            id: this.id,
            loc: ctx.locOf(got.path),
            message: `${shared.label} differs from ${ref.configPath}${values}: ${shared.why}`,
          },
        });
      });
    }
    return out;
  },
};
