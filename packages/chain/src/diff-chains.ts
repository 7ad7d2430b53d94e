/**
 * Two authorization chains compared (`diff --config OLD --config NEW`): sampled requests
 * (diff-candidates.ts) are decided on both with {@link decideChain}; those whose decision
 * changes are grouped by (old decision and stage, new decision and stage), one witness
 * each. Every reported class is confirmed by its witness; classes no sample reaches are
 * not reported (the result says how many requests were tried).
 */
import { capabilities, fromBytes, type Request } from "@emqx-acl/core";
import { decideChain, isSourceStage, type ChainDecision, type DecidingStage } from "./decide-chain";
import { diffCandidates } from "./diff-candidates";
import type { Chain } from "./load-chain";

export interface ChainDiffClass {
  from: ChainDecision;
  to: ChainDecision;
  witness: Request;
  /** How many sampled requests fell into the class. */
  count: number;
}

export interface ChainDiff {
  newlyAllowed: ChainDiffClass[];
  /** allow → deny. */
  newlyDenied: ChainDiffClass[];
  /** unknown on either side (a rule this tool cannot decide); a change of stage with the same decision is not reported. */
  unknown: ChainDiffClass[];
  /** Requests decided on both chains. */
  sampled: number;
}

/** A stage as text: `superuser`, `no_match`, `refused`, `login ACL rule 2`, `source 2 (mysql) rule 3`. */
export function stageText(s: DecidingStage): string {
  if (typeof s === "string") return s;
  if (!isSourceStage(s)) return s.rule === null ? "login ACL" : `login ACL rule ${s.rule}`;
  return `source ${s.source} (${s.type}) rule ${s.rule}`;
}

function classKey(a: ChainDecision, b: ChainDecision): string {
  return `${a.decision} ${stageText(a.stage)} → ${b.decision} ${stageText(b.stage)}`;
}

/** The classes of sampled requests whose decision differs between the chains. */
export function diffChains(oldChain: Chain, newChain: Chain): ChainDiff {
  const requests = diffCandidates(oldChain, newChain);
  const classes = new Map<string, ChainDiffClass>();
  for (const request of requests) {
    const from = decideChain(oldChain, request);
    const to = decideChain(newChain, request);
    if (from.decision === to.decision) continue;
    const key = classKey(from, to);
    const c = classes.get(key);
    if (c) c.count++;
    else classes.set(key, { from, to, witness: request, count: 1 });
  }
  const all = [...classes.values()];
  return {
    newlyAllowed: all.filter((c) => c.to.decision === "allow" && c.from.decision === "deny"),
    newlyDenied: all.filter((c) => c.from.decision === "allow" && c.to.decision === "deny"),
    unknown: all.filter((c) => c.from.decision === "unknown" || c.to.decision === "unknown"),
    sampled: requests.length,
  };
}

/**
 * When a class's change reaches clients. Through EMQX's configuration update (dashboard,
 * REST API, `emqx ctl conf load`) EMQX drains every client's authorization cache
 * (`emqx/emqx@0034302:apps/emqx_auth/src/emqx_authz/emqx_authz.erl` `post_config_update/5`);
 * a restart (or the 5→6 upgrade) starts with empty caches. A cached decision (`cache.ttl`)
 * outlives only changes EMQX does not see as configuration: rows of a database source.
 * A subscription already granted is never authorized again: it keeps receiving until the
 * client subscribes anew (sessions that survive a reconnect keep theirs).
 */
export function takesEffect(c: ChainDiffClass, newChain: Chain): string {
  const cache = newChain.config.cache;
  const cached = cache.enable.value
    ? `; a change made in a database source instead reaches a connected client when its cached decision expires (cache ttl ${cache.ttl.value})`
    : "";
  if (!capabilities(newChain.dialect).liveChainUpdate) {
    // EMQX 4 has no configuration update of the chain: a restart, or a plugin reload whose effect on caches is not modelled here
    const v4 = cache.enable.value
      ? `after a restart; on a running node a cached decision may last up to the cache ttl (${cache.ttl.value})`
      : "after a restart";
    return c.witness.action === "publish"
      ? `every PUBLISH ${v4}`
      : `every SUBSCRIBE ${v4}; existing subscriptions are never re-checked until the client subscribes again`;
  }
  if (c.witness.action === "publish")
    return `every PUBLISH after the change is applied (EMQX drains the authorization caches on a configuration update; a restart empties them)${cached}`;
  const was =
    c.from.decision === "allow"
      ? "clients already subscribed keep receiving"
      : "clients refused before stay unsubscribed";
  return `every SUBSCRIBE after the change is applied; ${was} until they subscribe again (existing subscriptions are never re-checked)${cached}`;
}

/** The witness as a request line (for JSON output and the pretty printer). */
export function witnessWire(r: Request): Record<string, unknown> {
  return {
    username: r.username === null ? null : fromBytes(r.username),
    clientid: fromBytes(r.clientid),
    ...(r.peerhost ? { peerhost: r.peerhost } : {}),
    action: r.action,
    topic: fromBytes(r.topic),
    qos: r.qos,
    ...(r.action === "publish" ? { retain: r.retain } : {}),
  };
}
