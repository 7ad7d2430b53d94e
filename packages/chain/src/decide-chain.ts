/**
 * One request through the chain, the way the broker decides it:
 * 1. 5/6 only: an invalid `$delayed/…` topic is denied before anything else
 *    (`emqx_access_control:authorize/3`);
 * 2. a superuser is allowed without consulting any source;
 * 3. sources in order, disabled ones skipped: the first allow/deny of a source that stops
 *    the chain decides; EMQX 4's acl.conf module only sets the result and the chain goes on;
 * 4. nothing decided: `no_match` (v4: the zone's `acl_nomatch` first).
 * Each source decides with core's compiled decider; nothing is matched here.
 */
import { capabilities, prepareRequest, type Decision, type Request } from "@emqx-acl/core";
import type { ChainSource, SourceType } from "./chain-config";
import type { Chain, ChainStage } from "./load-chain";

/** Which part of the chain decided. */
export type DecidingStage = "superuser" | "no_match" | "refused" | { source: number; type: SourceType; rule: number };

export interface ChainDecision {
  /** `unknown`: a source's rule might match but this tool cannot tell (see core's Decision). */
  decision: "allow" | "deny" | "unknown";
  stage: DecidingStage;
  note?: string;
}

/**
 * What one source answered for the request: null when it was not consulted (disabled, not
 * modelled, or `skipped` with the reason).
 */
export type SourceAnswer = { stage: ChainStage; decision: Decision | null; skipped?: string };

/** Why a source answers nothing for this request without looking at its rules, or null. */
function skipReason(source: ChainSource, request: Request): string | null {
  if (source.skipsDollarUsername && request.username !== null && request.username.startsWith("$"))
    return "EMQX 4's database and HTTP plugins answer nothing for a username starting with '$'";
  return null;
}

/** The no_match value for the request (EMQX 4: `zone.<zone>.acl_nomatch` wins over `acl_nomatch`). */
export function noMatchFor(chain: Chain, request: Request): "allow" | "deny" {
  return chain.config.zoneNoMatch.get(request.zone)?.value ?? chain.config.noMatch.value;
}

function byRule(source: ChainSource, d: Decision & { rule: number }): DecidingStage {
  return { source: source.number, type: source.type, rule: d.rule };
}

/**
 * Decides and, when `answers` is given, records what every consulted source said (explain
 * uses it). Stops consulting at the first source that ends the chain.
 */
export function decideChain(chain: Chain, request: Request, answers?: SourceAnswer[]): ChainDecision {
  if (capabilities(chain.dialect).delayedPrefix) {
    const refused = prepareRequest(request, chain.dialect).refused;
    if (refused !== null) return { decision: "deny", stage: "refused", note: refused };
  }
  if (request.is_superuser) return { decision: "allow", stage: "superuser" };
  let result: ChainDecision = { decision: noMatchFor(chain, request), stage: "no_match" };
  for (const stage of chain.stages) {
    const skipped = skipReason(stage.source, request);
    const d = stage.model && skipped === null ? stage.model.decider.decide(request) : null;
    answers?.push(skipped === null ? { stage, decision: d } : { stage, decision: null, skipped });
    if (d === null || d.decision === "nomatch") continue;
    if (d.decision === "unknown") return { decision: "unknown", stage: byRule(stage.source, d), note: d.note };
    // a deny before any rule is the $delayed refusal, handled above; count it as the source's answer
    const stageOf: DecidingStage = d.rule === null ? "refused" : byRule(stage.source, d);
    result = { decision: d.decision, stage: stageOf, ...(d.note !== undefined ? { note: d.note } : {}) };
    if (stage.source.stops) return result;
  }
  return result;
}

/** The `check --config` output line: `{"decision":…,"stage":…}` (plus `note` when there is one). */
export function chainDecisionToWire(d: ChainDecision): string {
  return JSON.stringify(
    d.note === undefined
      ? { decision: d.decision, stage: d.stage }
      : { decision: d.decision, stage: d.stage, note: d.note },
  );
}
