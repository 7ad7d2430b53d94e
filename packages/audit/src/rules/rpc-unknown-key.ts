import type { ConfigLoc } from "@emqx-acl/syntax";
import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";

/** `rpc` fields of EMQX 5/6 (emqx_conf_schema fields("rpc"), incl. 5.3.1+ and 5.8+ names and aliases). */
const V5_KEYS = new Set([
  "mode",
  "protocol",
  "driver",
  "async_batch_size",
  "port_discovery",
  "tcp_server_port",
  "ssl_server_port",
  "server_port",
  "tcp_client_num",
  "client_num",
  "connect_timeout",
  "certfile",
  "keyfile",
  "cacertfile",
  "send_timeout",
  "authentication_timeout",
  "call_receive_timeout",
  "socket_keepalive_idle",
  "socket_keepalive_interval",
  "socket_keepalive_count",
  "socket_sndbuf",
  "socket_recbuf",
  "socket_buffer",
  "insecure_fallback",
  "listen_address",
  "ipv6_only",
  "ciphers",
  "tls_versions",
]);

/** `rpc.*` mappings of EMQX 4.4 (priv/emqx.schema). */
const V4_KEYS = new Set([
  "mode",
  "async_batch_size",
  "driver",
  "default_client_driver",
  "port_discovery",
  "tcp_server_port",
  "tcp_server_ip",
  "enable_ssl",
  "tcp_client_num",
  "connect_timeout",
  "send_timeout",
  "authentication_timeout",
  "call_receive_timeout",
  "socket_keepalive_idle",
  "socket_keepalive_interval",
  "socket_keepalive_count",
  "socket_sndbuf",
  "socket_recbuf",
  "socket_buffer",
  "certfile",
  "keyfile",
  "cacertfile",
  "insecure_fallback",
]);

/** Keys EMQX's 5.8 cluster-security page shows inside `rpc {}` although no schema has them. */
const DOC_ONLY = new Set(["verify", "fail_if_no_peer_cert"]);

export const rpcUnknownKey: AuditRule = {
  id: "rpc-unknown-key",
  severity: allVersions("error"),
  summary: "A key under rpc that EMQX's schema does not have.",
  rationale:
    "HOCON (5/6) and cuttlefish (4) reject unknown fields, so EMQX refuses to start. `verify` and `fail_if_no_peer_cert` appear in EMQX's documentation but gen_rpc already hard-codes verify_peer and fail_if_no_peer_cert.",
  sources: "cluster-security.md §5.3; emqx/hocon hocon_tconf check_unknown_fields",
  check(ctx: AuditContext): Finding[] {
    const known = ctx.caps.configFormat === "cuttlefish" ? V4_KEYS : V5_KEYS;
    return ctx
      .keysUnder("rpc")
      .filter(({ key }) => !known.has(key.split(".")[0]))
      .map(({ key, keyLoc }) => ({
        id: this.id,
        loc: keyLoc,
        fix: deleteLine(ctx, keyLoc, `remove rpc.${key}`),
        message: DOC_ONLY.has(key)
          ? `rpc.${key} does not exist in EMQX's schema (it is only in a documentation example), so EMQX refuses to start; remove it: with rpc ${ctx.caps.configFormat === "cuttlefish" ? "driver" : "protocol"} = ssl gen_rpc always verifies peers and requires their certificates`
          : `unknown setting rpc.${key}: EMQX refuses to start with it`,
      }));
  },
};

/** Deletes the whole line a key is on, when the line holds nothing else (`rpc.x = y` or `x = y`). */
function deleteLine(ctx: AuditContext, keyLoc: ConfigLoc, title: string): Finding["fix"] {
  const text = ctx.sources.find((s) => s.file === keyLoc.file)?.text;
  if (text === undefined) return undefined;
  const start = text.lastIndexOf("\n", keyLoc.start - 1) + 1;
  const nl = text.indexOf("\n", keyLoc.end);
  const end = nl < 0 ? text.length : nl + 1;
  const line = text.slice(start, end);
  if (!/^\s*[\w.]+\s*[=:]\s*[^{}\[\],]*$/.test(line)) return undefined;
  return { title, edits: [{ loc: { file: keyLoc.file, start, end }, newText: "" }] };
}
