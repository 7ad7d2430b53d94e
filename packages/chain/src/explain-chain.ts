/**
 * Why the chain decided as it did: the deciding stage, and what every source consulted on
 * the way answered (no rule matched, disabled, not modelled, or — EMQX 4's acl.conf module
 * — matched but only set the result). Built on {@link decideChain}; nothing is re-decided.
 */
import type { Request, Rule } from "@emqx-acl/core";
import type { ChainSource } from "./chain-config";
import { decideChain, isSourceStage, sourcesRequest, type ChainDecision, type SourceAnswer } from "./decide-chain";
import type { Chain, SourceModel } from "./load-chain";
import { loginAclModel, requestLoginAcl, type LoginAclModel } from "./login-acl";
import { mountFor, type Mount } from "./mountpoint";

/** What one source answered. */
export type SourceStep =
  | { source: ChainSource; answer: "disabled" | "not modelled" }
  | { source: ChainSource; answer: "skipped"; why: string }
  | { source: ChainSource; answer: "nomatch"; rules: number }
  /** `decides` false: EMQX 4's acl.conf module matched, but a later source decided. */
  | {
      source: ChainSource;
      answer: "allow" | "deny" | "unknown";
      rule: number | null;
      decides: boolean;
      model: SourceModel;
    };

/**
 * The login ACL (`client_info`) when the request carries one and it was consulted: its
 * rules and whether it decided (false: no rule of a rules list matched, the chain went on).
 */
export interface LoginAclStep {
  model: LoginAclModel;
  /** Where the rules came from: `the request's "acl" field`, `the JWT claim \`permissions\` (…)`. */
  from: string;
  decides: boolean;
}

export interface ChainExplanation {
  decision: ChainDecision;
  login: LoginAclStep | null;
  /** Sources in chain order up to the deciding one (none for superuser / refused). */
  steps: SourceStep[];
  /** The deciding rule, when a source decided. */
  rule: { model: SourceModel; rule: Rule } | null;
  /** The client's mountpoint and whether authorization saw it (null: none, or decided before the sources). */
  mount: Mount | null;
  /** The request the login ACL and the sources decided (its topic mounted when `mount.applied`). */
  request: Request;
}

function step(a: SourceAnswer, decision: ChainDecision): SourceStep {
  const { source, model } = a.stage;
  if (!source.enable) return { source, answer: "disabled" };
  if (a.skipped !== undefined) return { source, answer: "skipped", why: a.skipped };
  if (!model || !a.decision) return { source, answer: "not modelled" };
  const d = a.decision;
  if (d.decision === "nomatch") return { source, answer: "nomatch", rules: model.ruleSet.rules.length };
  const decides = isSourceStage(decision.stage)
    ? decision.stage.source === source.number
    : decision.stage === "refused";
  return { source, answer: d.decision, rule: d.rule, decides, model };
}

function loginStep(chain: Chain, request: Request, decision: ChainDecision): LoginAclStep | null {
  const stage = decision.stage;
  if (stage === "superuser" || stage === "refused") return null;
  const origin = requestLoginAcl(request, chain.config.jwtAclClaims);
  if (origin === undefined) return null;
  const decides = typeof stage === "object" && !isSourceStage(stage);
  // cached: deciding read it already
  return { model: loginAclModel(origin.acl, chain.dialect, chain.securityProfile), decides, from: origin.from };
}

/** Decides the request and says why. */
export function explainChain(chain: Chain, request: Request): ChainExplanation {
  const answers: SourceAnswer[] = [];
  const decision = decideChain(chain, request, answers);
  const steps = answers.map((a) => step(a, decision));
  const stage = decision.stage;
  let rule: ChainExplanation["rule"] = null;
  if (isSourceStage(stage)) {
    const model = chain.stages.find((s) => s.source.number === stage.source)!.model!;
    rule = { model, rule: model.ruleSet.rules.find((r) => r.index === stage.rule)! };
  }
  // superuser and refused are decided before any topic is looked at
  const early = stage === "superuser" || stage === "refused";
  const mount = early ? null : mountFor(chain.config.mounts, chain.dialect, request);
  const seen = early ? request : sourcesRequest(chain, request);
  return { decision, login: loginStep(chain, seen, decision), steps, rule, mount, request: seen };
}
