/**
 * Chain-level dead ends: a source that ends the chain and answers every request (its rules
 * hold a catch-all such as `{deny, all}` — analysis' `isCatchAll`, per dialect) leaves every
 * later source unconsulted; any source answering every request (EMQX 4's acl.conf module
 * too, though it does not end the chain) leaves no_match unused.
 */
import { isCatchAll } from "@emqx-acl/analysis";
import type { ConfigLoc } from "@emqx-acl/syntax";
import type { ChainSource } from "./chain-config";
import type { Chain, ChainStage } from "./load-chain";

export interface ChainFinding {
  id: "source-unreachable" | "no-match-unused";
  message: string;
  /** The unreachable source, or the no_match setting (its anchor when defaulted). */
  loc: ConfigLoc;
  /** The unreachable source's number (source-unreachable). */
  source?: number;
  /** The source and its catch-all rule that answer first. */
  by: { source: number; type: ChainSource["type"]; rule: number };
}

/** The first catch-all rule of an enabled, modelled source, or null. */
function catchAll(stage: ChainStage, dialect: Chain["dialect"]): number | null {
  if (!stage.source.enable || !stage.model) return null;
  return stage.model.ruleSet.rules.find((r) => isCatchAll(r, dialect))?.index ?? null;
}

function name(s: ChainSource): string {
  return `source ${s.number} (${s.type})`;
}

/** Findings about sources no request reaches and a no_match no request uses. */
export function unreachableSources(chain: Chain): ChainFinding[] {
  const out: ChainFinding[] = [];
  /** The first source that ends the chain for every request. */
  let stopper: ChainFinding["by"] | null = null;
  /** The first source that answers every request (EMQX 4's acl.conf module included). */
  let answersAll: ChainFinding["by"] | null = null;
  for (const stage of chain.stages) {
    const s = stage.source;
    if (stopper) {
      if (s.enable)
        out.push({
          id: "source-unreachable",
          source: s.number,
          loc: s.loc,
          by: stopper,
          message: `${name(s)} is never consulted: source ${stopper.source} (${stopper.type}) answers every request first (its rule ${stopper.rule} matches every request)`,
        });
      continue;
    }
    const rule = catchAll(stage, chain.dialect);
    if (rule === null) continue;
    const by = { source: s.number, type: s.type, rule };
    answersAll ??= by;
    if (s.stops) stopper = by;
  }
  if (answersAll) {
    const setting = chain.config.noMatch;
    const loc = setting.loc ?? chain.stages[0]?.source.loc ?? { file: "", start: 0, end: 0 };
    out.push({
      id: "no-match-unused",
      loc,
      by: answersAll,
      message: `no_match (${setting.value}) is never used: source ${answersAll.source} (${answersAll.type}) answers every request (rule ${answersAll.rule})`,
    });
  }
  return out;
}
