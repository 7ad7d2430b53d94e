import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";

export const rpcPlaintext: AuditRule = {
  id: "rpc-plaintext",
  severity: allVersions("warning"),
  summary: "Cluster RPC (gen_rpc) runs over plain TCP.",
  rationale:
    "gen_rpc carries messages and cluster calls between nodes; over TCP they can be read and, with the legacy fallback, so can the cookie. With `ssl` gen_rpc verifies both peers against rpc.cacertfile.",
  sources: "cluster-security.md §5.1, §5.3",
  check(ctx: AuditContext): Finding[] {
    return ctx.caps.configFormat === "cuttlefish" ? checkV4(ctx, this.id) : checkV5(ctx, this.id);
  },
};

function checkV5(ctx: AuditContext, id: string): Finding[] {
  const s = ctx.get("rpc.protocol") ?? ctx.get("rpc.driver");
  if (s?.value === "ssl") return [];
  const how = s ? `rpc.${s.path.split(".")[1]} = ${s.value}` : "rpc.protocol is not set (default tcp)";
  return [
    {
      id,
      loc: s?.loc ?? ctx.anchor("rpc.protocol"),
      message: `${how}: cluster RPC is unencrypted; set rpc.protocol = ssl with certfile, keyfile and cacertfile`,
    },
  ];
}

/** v4 has separate server (`rpc.driver`) and client (`rpc.default_client_driver`) drivers; both must be ssl. */
function checkV4(ctx: AuditContext, id: string): Finding[] {
  const server = ctx.get("rpc.driver");
  const client = ctx.get("rpc.default_client_driver");
  const sv = server?.value ?? "tcp";
  const cv = client?.value ?? "tcp";
  if (sv === "ssl" && cv === "ssl") return [];
  if (sv !== "ssl" && cv !== "ssl") {
    const how = server ? `rpc.driver = ${sv}` : "rpc.driver is not set (default tcp)";
    return [
      {
        id,
        loc: server?.loc ?? ctx.anchor("rpc.driver"),
        message: `${how}: cluster RPC is unencrypted; set rpc.driver = ssl and rpc.default_client_driver = ssl`,
      },
    ];
  }
  if (sv === "ssl") {
    const how = client ? `rpc.default_client_driver = ${cv}` : "rpc.default_client_driver is not set (default tcp)";
    return [
      {
        id,
        loc: client?.loc ?? server!.loc,
        message: `${how} while rpc.driver = ssl: this node still connects to peers over plain TCP; set rpc.default_client_driver = ssl`,
      },
    ];
  }
  return [
    {
      id,
      loc: server?.loc ?? client!.loc,
      message:
        "rpc.default_client_driver = ssl but the RPC server (rpc.driver) is tcp: peers' TLS connections fail and this node listens in plaintext; set rpc.driver = ssl",
    },
  ];
}
