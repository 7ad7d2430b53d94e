/** Words for property verdicts and their witnesses, shared by the output formats. */
import { fromBytes, type Request } from "@emqx-acl/core";
import type { PropertyResult } from "./test-report";

/** The witness as the JSON request of `check` (UTF-8 text). */
export function witnessJson(r: Request) {
  const attrs = Object.fromEntries(Object.entries(r.client_attrs).map(([k, v]) => [fromBytes(k), fromBytes(v)]));
  return {
    username: r.username === null ? null : fromBytes(r.username),
    clientid: fromBytes(r.clientid),
    peerhost: r.peerhost,
    zone: r.zone,
    listener: r.listener,
    cert_common_name: r.cert_common_name === null ? null : fromBytes(r.cert_common_name),
    client_attrs: attrs,
    action: r.action,
    qos: r.qos,
    retain: r.retain,
    topic: fromBytes(r.topic),
  };
}

/** The witness in one line, e.g. `username "bob", clientid "c", peerhost 127.0.0.1: subscribe "$SYS/x" qos 0`. */
export function witnessText(r: Request): string {
  const w = witnessJson(r);
  const who = [
    `username ${w.username === null ? "(none)" : JSON.stringify(w.username)}`,
    `clientid ${JSON.stringify(w.clientid)}`,
    ...(w.peerhost ? [`peerhost ${w.peerhost}`] : []),
    ...(w.cert_common_name !== null ? [`cn ${JSON.stringify(w.cert_common_name)}`] : []),
    ...Object.entries(w.client_attrs).map(([k, v]) => `client_attrs.${k} ${JSON.stringify(v)}`),
    ...(w.zone !== "default" ? [`zone ${w.zone}`] : []),
    ...(w.listener !== "tcp:default" ? [`listener ${w.listener}`] : []),
  ];
  return `${who.join(", ")}: ${w.action} ${JSON.stringify(w.topic)} qos ${w.qos}${w.retain ? " retain" : ""}`;
}

/** Why a property did not pass, in one line (null when proved). */
export function propertyFailure(p: PropertyResult): string | null {
  const v = p.verdict;
  if (v.status === "proved") return null;
  if (v.status === "unknown") return `not proved: ${v.reason}`;
  return `violated: rule ${v.decision.rule} allows ${witnessText(v.witness)}`;
}
