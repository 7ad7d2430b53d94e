/**
 * Why the chain decided as it did: the deciding stage, and what every source consulted on
 * the way answered (no rule matched, disabled, not modelled, or — EMQX 4's acl.conf module
 * — matched but only set the result). Built on {@link decideChain}; nothing is re-decided.
 */
import type { Request, Rule } from "@emqx-acl/core";
import type { ChainSource } from "./chain-config";
import { decideChain, type ChainDecision, type SourceAnswer } from "./decide-chain";
import type { Chain, SourceModel } from "./load-chain";

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

export interface ChainExplanation {
  decision: ChainDecision;
  /** Sources in chain order up to the deciding one (none for superuser / refused). */
  steps: SourceStep[];
  /** The deciding rule, when a source decided. */
  rule: { model: SourceModel; rule: Rule } | null;
}

function step(a: SourceAnswer, decision: ChainDecision): SourceStep {
  const { source, model } = a.stage;
  if (!source.enable) return { source, answer: "disabled" };
  if (a.skipped !== undefined) return { source, answer: "skipped", why: a.skipped };
  if (!model || !a.decision) return { source, answer: "not modelled" };
  const d = a.decision;
  if (d.decision === "nomatch") return { source, answer: "nomatch", rules: model.ruleSet.rules.length };
  const decides =
    typeof decision.stage === "object" ? decision.stage.source === source.number : decision.stage === "refused";
  return { source, answer: d.decision, rule: d.rule, decides, model };
}

/** Decides the request and says why. */
export function explainChain(chain: Chain, request: Request): ChainExplanation {
  const answers: SourceAnswer[] = [];
  const decision = decideChain(chain, request, answers);
  const steps = answers.map((a) => step(a, decision));
  const stage = decision.stage;
  let rule: ChainExplanation["rule"] = null;
  if (typeof stage === "object") {
    const model = chain.stages.find((s) => s.source.number === stage.source)!.model!;
    rule = { model, rule: model.ruleSet.rules.find((r) => r.index === stage.rule)! };
  }
  return { decision, steps, rule };
}
