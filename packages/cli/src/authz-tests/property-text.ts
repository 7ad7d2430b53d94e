/** Words for property verdicts and their witnesses, shared by the output formats. */
import { witnessText as wireWitnessText } from "@emqx-acl/analysis";
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

/** The witness in one line (analysis's words for every witness), e.g. `subscribe "$SYS/x" qos 0 by username "bob", clientid "c"`. */
export function witnessText(r: Request): string {
  return wireWitnessText(witnessJson(r));
}

/** Why a property did not pass, in one line (null when proved). */
export function propertyFailure(p: PropertyResult): string | null {
  const v = p.verdict;
  if (v.status === "proved") return null;
  if (v.status === "unknown") return `not proved: ${v.reason}`;
  if (v.decision.rule === null)
    return `violated: no rule decides ${witnessText(v.witness)}, and no_match = allow allows it`;
  return `violated: rule ${v.decision.rule} allows ${witnessText(v.witness)}`;
}
