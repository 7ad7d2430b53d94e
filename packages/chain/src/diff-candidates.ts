/**
 * The requests `diffChains` decides on both chains: a witness for every reachable rule of
 * every modelled source of either chain (analysis' reachability), the witnesses of the
 * semantic diff of each source present in both chains under the same engine, and probes
 * that no rule names (so a changed `no_match` shows); then every client of those requests
 * with every action/topic of them (a client one source names meeting a topic another
 * source names: what moving a source changes), up to {@link MAX_SAMPLES}. A sample, not a
 * proof of completeness: a class of requests none of these falls into is not seen.
 */
import { analyzeReachability, PartitionTooLarge, semanticDiff } from "@emqx-acl/analysis";
import {
  fromWire,
  WIRE_CLIENT_FIELDS,
  WIRE_DEFAULTS,
  WIRE_MESSAGE_FIELDS,
  type Request,
  type WireRequest,
} from "@emqx-acl/core";
import type { Chain, ChainStage } from "./load-chain";

/** Requests that match nothing a user writes: publish and subscribe by an unknown client. */
const PROBES: WireRequest[] = (["publish", "subscribe"] as const).map((action) => ({
  ...WIRE_DEFAULTS,
  username: "emqx-acl-probe",
  clientid: "emqx-acl-probe",
  peerhost: "192.0.2.1",
  action,
  topic: "emqx-acl/probe/none",
}));

function reachabilityWitnesses(stage: ChainStage, chain: Chain): WireRequest[] {
  if (!stage.model) return [];
  const results = analyzeReachability(stage.model.ruleSet.rules, {
    dialect: chain.dialect,
    profile: chain.securityProfile,
    coverage: false,
    budget: 200_000,
  });
  return results.flatMap((r) => (r.status === "reachable" ? [r.witness] : []));
}

function diffWitnesses(a: Chain, b: Chain): WireRequest[] {
  if (a.dialect !== b.dialect) return [];
  const out: WireRequest[] = [];
  for (const sa of a.stages) {
    const sb = b.stages.find((s) => s.source.type === sa.source.type);
    if (!sa.model || !sb?.model) continue;
    try {
      const d = semanticDiff(sa.model.ruleSet.rules, sb.model.ruleSet.rules, a.dialect, a.securityProfile);
      for (const c of [...d.newlyAllowed, ...d.newlyDenied, ...d.changed]) out.push(c.witness);
    } catch (e) {
      if (!(e instanceof PartitionTooLarge)) throw e;
    }
  }
  return out;
}

/** How many requests the crossing may add. */
export const MAX_SAMPLES = 50_000;

function pick<K extends keyof WireRequest>(w: WireRequest, keys: readonly K[]): Pick<WireRequest, K> {
  const out = {} as Pick<WireRequest, K>;
  for (const k of keys) out[k] = w[k];
  return out;
}

/** Each distinct client of the witnesses with each distinct message, the witnesses first. */
function crossed(witnesses: WireRequest[]): WireRequest[] {
  const distinct = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()];
  const clients = distinct(witnesses.map((w) => pick(w, WIRE_CLIENT_FIELDS)));
  const messages = distinct(witnesses.map((w) => pick(w, WIRE_MESSAGE_FIELDS)));
  const out = [...witnesses];
  for (const c of clients) {
    for (const m of messages) {
      if (out.length >= MAX_SAMPLES) return out;
      out.push({ ...c, ...m } as WireRequest);
    }
  }
  return out;
}

/** The sample: distinct requests. */
export function diffCandidates(a: Chain, b: Chain): Request[] {
  const wires = crossed([
    ...PROBES,
    ...diffWitnesses(a, b),
    ...[a, b].flatMap((c) => c.stages.flatMap((s) => reachabilityWitnesses(s, c))),
  ]);
  const seen = new Set<string>();
  const out: Request[] = [];
  for (const w of wires) {
    const key = JSON.stringify(w);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(fromWire(w));
  }
  return out;
}
