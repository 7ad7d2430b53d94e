import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { distUsesTls } from "../ssl-dist";

export const distPlaintext: AuditRule = {
  id: "dist-plaintext",
  severity: allVersions("warning"),
  summary: "Erlang distribution between nodes is plain TCP.",
  rationale:
    "Distribution (port 4370 + node-name suffix) carries the cookie handshake and full remote code execution; over TCP it is readable on the wire. cluster.proto_dist = inet_tls (or inet6_tls, 5.3.1+) with a verifying ssl_dist.conf encrypts and authenticates it.",
  sources: "cluster-security.md §4.2",
  check(ctx: AuditContext): Finding[] {
    if (distUsesTls(ctx)) return [];
    const s = ctx.get("cluster.proto_dist");
    const how = s ? `cluster.proto_dist = ${s.value}` : "cluster.proto_dist is not set (default inet_tcp)";
    return [
      {
        id: this.id,
        loc: s?.loc ?? ctx.anchor("cluster.proto_dist"),
        message: `${how}: node-to-node distribution is unencrypted; use inet_tls with a verifying ssl_dist.conf`,
      },
    ];
  },
};
