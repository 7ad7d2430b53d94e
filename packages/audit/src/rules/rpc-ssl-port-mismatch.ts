import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";

export const rpcSslPortMismatch: AuditRule = {
  id: "rpc-ssl-port-mismatch",
  severity: allVersions("warning"),
  summary: "EMQX 4 RPC over TLS with manual port discovery: clients dial 5370, the server listens elsewhere.",
  rationale:
    "With rpc.port_discovery = manual the TLS server listens on rpc.enable_ssl (default 5369) but gen_rpc's client still connects to its built-in ssl_client_port 5370, for which EMQX 4.4 has no setting; RPC between nodes fails. (Fixed in 5.3.1 and unified by rpc.server_port in 5.8.)",
  sources: "cluster-security.md §5.2",
  check(ctx: AuditContext): Finding[] {
    if (!(ctx.caps.configFormat === "cuttlefish")) return [];
    const discovery = ctx.get("rpc.port_discovery");
    const client = ctx.get("rpc.default_client_driver");
    if (discovery?.value !== "manual" || client?.value !== "ssl") return [];
    const port = ctx.get("rpc.enable_ssl")?.value ?? "5369";
    if (port === "5370") return [];
    return [
      {
        id: this.id,
        loc: discovery.loc,
        message: `rpc.port_discovery = manual with TLS: the server listens on ${port} (rpc.enable_ssl) but EMQX 4 clients connect to 5370; use stateless discovery or rpc.enable_ssl = 5370`,
      },
    ];
  },
};
