import { isOn, replaceValue, type AuditContext, type Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { rpcUsesTls } from "../tls";

export const rpcInsecureFallback: AuditRule = {
  id: "rpc-insecure-fallback",
  severity: allVersions("warning"),
  summary: "`rpc.insecure_fallback` lets RPC fall back to sending the cookie itself.",
  rationale:
    "When challenge/response fails, the legacy protocol sends the Erlang cookie in the packet; over TCP anyone on the path reads it. It is on by default for rolling upgrades; turn it off once every node runs a current gen_rpc.",
  sources: "cluster-security.md §5.4; emqx/gen_rpc gen_rpc_auth.erl",
  check(ctx: AuditContext): Finding[] {
    const s = ctx.get("rpc.insecure_fallback");
    if (!isOn(s?.value, true)) return [];
    const how = s ? `rpc.insecure_fallback = ${s.value}` : "rpc.insecure_fallback is not set (default true)";
    const tls = rpcUsesTls(ctx);
    return [
      {
        id: this.id,
        severity: tls ? "info" : "warning",
        loc: s?.loc ?? ctx.anchor("rpc.insecure_fallback"),
        fix: s && replaceValue(s, "false"),
        message: tls
          ? `${how}: the legacy fallback sends the cookie (inside TLS here); set it to false once all nodes are upgraded`
          : `${how} and RPC is plain TCP: the legacy fallback sends the Erlang cookie in clear text; set rpc.insecure_fallback = false once all nodes are upgraded`,
      },
    ];
  },
};
