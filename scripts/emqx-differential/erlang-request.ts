/** A wire request as the Erlang term the harness reads (authzdiff.erl), and the harness per dialect. */
import type { Dialect, WireRequest } from "../../packages/core/src/index";

const bin = (s: string) => `<<${[...Buffer.from(s, "utf8")].join(",")}>>`;

export function erlangRequest(r: WireRequest): string {
  const attrs = Object.entries(r.client_attrs)
    .map(([k, v]) => `${bin(k)} => ${bin(v)}`)
    .join(", ");
  return (
    `{${r.username === null ? "undefined" : bin(r.username)}, ${bin(r.clientid)}, ` +
    `${r.peerhost === null ? "undefined" : `"${r.peerhost}"`}, '${r.zone}', '${r.listener}', ` +
    `${r.cert_common_name === null ? "undefined" : bin(r.cert_common_name)}, #{${attrs}}, ` +
    `${r.action}, ${r.qos}, ${r.retain}, ${bin(r.topic)}}`
  );
}

export function harnessFor(dialect: Dialect): string {
  return dialect === "v4" ? "authzdiff4" : "authzdiff";
}
