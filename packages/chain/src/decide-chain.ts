/**
 * One request through the chain, the way the broker decides it:
 * 1. 5/6 only: an invalid `$delayed/…` topic is denied before anything else
 *    (`emqx_access_control:authorize/3`);
 * 2. a superuser is allowed without consulting any source;
 * 2a. master with `authorization.include_mountpoint`: the topic is mounted (mountpoint.ts);
 * 2b. 5/6: the login ACL the request carries (`client_info`, login-acl.ts);
 * 3. sources in order, disabled ones skipped, and those whose `precondition` does not
 *    render `true` for the request (precondition.ts): the first allow/deny of a source that stops
 *    the chain decides; EMQX 4's acl.conf module only sets the result and the chain goes on;
 * 4. nothing decided: `no_match` (v4: the zone's `acl_nomatch` first).
 * Each source decides with core's compiled decider; nothing is matched here.
 */
import { capabilities, prepareRequest, WireError, type Decision, type Request } from "@emqx-acl/core";
import type { ChainSource, SourceType } from "./chain-config";
import type { Chain, ChainStage } from "./load-chain";
import { expiredNote, loginAclModel, refuseOnV4, requestLoginAcl, type LegacyKey } from "./login-acl";
import { authorizedRequest, mountFor, mountsAuthorizedTopics } from "./mountpoint";
import { evaluatePrecondition, type PreconditionResult } from "./precondition";

/**
 * The login ACL's stage: `rule` is the rule's 1-based position in the rules list, the
 * legacy list that matched (`"pub"`, `"sub"`, `"all"`), or null (expired, or the legacy
 * format's deny when no list matched).
 */
export type ClientInfoStage = { type: "client_info"; rule: number | LegacyKey | null };

/** A configured source decided, by its rule `rule`. */
export type SourceStage = { source: number; type: SourceType; rule: number };

/** Which part of the chain decided. */
export type DecidingStage = "superuser" | "no_match" | "refused" | ClientInfoStage | SourceStage;

export function isSourceStage(s: DecidingStage): s is SourceStage {
  return typeof s === "object" && "source" in s;
}

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
function skipReason(source: ChainSource, request: Request, pre: PreconditionResult | null): string | null {
  if (source.skipsDollarUsername && request.username !== null && request.username.startsWith("$"))
    return "EMQX 4's database and HTTP plugins answer nothing for a username starting with '$'";
  if (pre?.holds === false)
    return `its precondition \`${source.precondition}\` is false for this client (${pre.why}): EMQX skips the source`;
  return null;
}

/** The no_match value for the request (EMQX 4: `zone.<zone>.acl_nomatch` wins over `acl_nomatch`). */
export function noMatchFor(chain: Chain, request: Request): "allow" | "deny" {
  return chain.config.zoneNoMatch.get(request.zone)?.value ?? chain.config.noMatch.value;
}

function byRule(source: ChainSource, d: Decision & { rule: number }): DecidingStage {
  return { source: source.number, type: source.type, rule: d.rule };
}

/** The login ACL's answer, or null when the chain goes on (no ACL, or no rule of a rules list matched). */
function loginAclDecision(chain: Chain, request: Request): ChainDecision | null {
  const acl = requestLoginAcl(request, chain.config.jwtAclClaims)?.acl;
  if (acl === undefined) return null;
  const at = (rule: ClientInfoStage["rule"]): ClientInfoStage => ({ type: "client_info", rule });
  // read first: EMQX reads the rules at login and refuses a bad one, expired or not
  const model = loginAclModel(acl, chain.dialect, chain.securityProfile);
  const expired = expiredNote(acl, chain.dialect);
  if (expired !== null) return { decision: "deny", stage: at(null), note: expired };
  const d = model.decider.decide(request);
  // a rule-less deny is the $delayed refusal, decided before this stage
  if (d.decision === "nomatch" || d.rule === null)
    return model.format === "legacy"
      ? { decision: "deny", stage: at(null), note: "no list of the legacy login ACL matched: that format denies" }
      : null;
  const stage = at(model.format === "legacy" ? model.keys[d.rule - 1] : d.rule);
  return d.note === undefined ? { decision: d.decision, stage } : { decision: d.decision, stage, note: d.note };
}

/**
 * The request as the login ACL and the sources see it: mounted when the client's mountpoint
 * applies to authorization (mountpoint.ts). Throws WireError for what is not modelled.
 */
export function sourcesRequest(chain: Chain, request: Request): Request {
  // the common case costs nothing per request: no mountpoint reaches authorization
  if (!mountsAuthorizedTopics(chain.config.mounts)) return request;
  const mount = mountFor(chain.config.mounts, chain.dialect, request);
  const seen = authorizedRequest(request, mount, chain.dialect);
  if (seen === null)
    throw new WireError(
      `${mount!.label} '${mount!.template}' starts with a prefix EMQX would not read again ($share/, $queue/, $delayed/): not modelled`,
    );
  return seen;
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
  refuseOnV4(request, chain.dialect);
  if (request.is_superuser) return { decision: "allow", stage: "superuser" };
  // master's include_mountpoint: every source (and the cache) sees the mounted topic
  request = sourcesRequest(chain, request);
  const login = loginAclDecision(chain, request);
  if (login !== null) return login;
  let result: ChainDecision = { decision: noMatchFor(chain, request), stage: "no_match" };
  for (const stage of chain.stages) {
    const { precondition, enable } = stage.source;
    const pre = enable && precondition !== undefined ? evaluatePrecondition(precondition, request) : null;
    const skipped = skipReason(stage.source, request, pre);
    const d = stage.model && skipped === null ? stage.model.decider.decide(request) : null;
    answers?.push(skipped === null ? { stage, decision: d } : { stage, decision: null, skipped });
    if (d === null || d.decision === "nomatch") continue;
    // the source would answer: whether EMQX consults it at all is what is not known
    if (pre?.holds === "unknown")
      return {
        decision: "unknown",
        stage: d.rule === null ? "refused" : { source: stage.source.number, type: stage.source.type, rule: d.rule },
        note: `source ${stage.source.number}'s precondition \`${precondition}\` is not evaluated here (${pre.why}); the source answers ${d.decision} only if it holds`,
      };
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
