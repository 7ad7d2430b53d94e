/**
 * A witness request in words, one implementation for every report that shows one
 * (analyze, diff and its gate, chain diff, test properties, the editor's hover):
 * `publish "a/b" qos 0 retained by username "guest", clientid "c1", from 10.0.0.1`.
 */
import type { Request, WireRequest } from "@emqx-acl/core";
import { requestToWire } from "./reachability/reachability";

/** The client: username (or none), client id, then what differs from a plain TCP client. */
export function clientText(w: WireRequest): string {
  const who = [
    w.username === null ? "no username" : `username ${JSON.stringify(w.username)}`,
    `clientid ${JSON.stringify(w.clientid)}`,
  ];
  if (w.peerhost) who.push(`from ${w.peerhost}`);
  if (w.cert_common_name !== null) who.push(`cert CN ${JSON.stringify(w.cert_common_name)}`);
  for (const [k, v] of Object.entries(w.client_attrs ?? {})) who.push(`attr ${k}=${JSON.stringify(v)}`);
  if (w.zone !== "default") who.push(`zone ${JSON.stringify(w.zone)}`);
  if (w.listener !== "tcp:default") who.push(`listener ${JSON.stringify(w.listener)}`);
  return who.join(", ");
}

/** The action: `subscribe "t/#" qos 1`, `publish "t" qos 0 retained` (retain is said of a publish only). */
export function requestText(w: WireRequest): string {
  return `${w.action} ${JSON.stringify(w.topic)} qos ${w.qos}${w.action === "publish" && w.retain ? " retained" : ""}`;
}

/** `publish "a/b" qos 0 by username "guest", clientid "c1"`. */
export function witnessText(w: WireRequest): string {
  return `${requestText(w)} by ${clientText(w)}`;
}

/** The same words for a request over byte strings. */
export function requestWitnessText(r: Request): string {
  return witnessText(requestToWire(r).wire);
}
