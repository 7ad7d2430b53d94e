/**
 * Reachability for the editor, remembered per analysis (i.e. per version): the verdicts
 * lint computed in the worker arrive with the complete diagnostics; otherwise the "Show
 * reachability" command computes them on demand (seconds on large files). Hover and inlay
 * hints show them once they are known for the current version.
 */
import {
  analysisBudget,
  analyzeReachability,
  witnessText,
  type DocumentAnalysis,
  type ReachabilityResult,
} from "@emqx-acl/analysis";
import { rulesOf } from "./locate";

/** Above this many rules, Show reachability refuses rather than blocking the server. */
export const MAX_REACHABILITY_RULES = 2000;

// keyed by the parse: one per document version, shared by the partial and complete models
const cache = new WeakMap<object, Map<number, ReachabilityResult>>();

/** Keeps verdicts computed elsewhere (lint, in the worker) for this analysis's version. */
export function rememberReachability(a: DocumentAnalysis, results: ReachabilityResult[] | null): void {
  if (results && !cache.has(a.parse)) cache.set(a.parse, new Map(results.map((r) => [r.rule, r])));
}

/** The verdicts by rule number, if already computed for this analysis. */
export function knownReachability(a: DocumentAnalysis): Map<number, ReachabilityResult> | undefined {
  return cache.get(a.parse);
}

/** Computes (or returns the remembered) verdicts; null when the file has no loadable rules. */
export function computeReachability(a: DocumentAnalysis): Map<number, ReachabilityResult> | null {
  const hit = cache.get(a.parse);
  if (hit) return hit;
  const rules = rulesOf(a);
  const dialect = a.lowered?.dialect;
  if (!rules.length || !dialect) return null;
  // the same bounded budget as lint, so a pathological file cannot stall the editor
  const results = analyzeReachability(rules, { dialect, budget: analysisBudget(a.parse, rules.length) });
  const byRule = new Map(results.map((r) => [r.rule, r]));
  cache.set(a.parse, byRule);
  return byRule;
}

/** The verdict in words, e.g. `unreachable (covered by #1, #2)`. */
export function describeVerdict(r: ReachabilityResult): string {
  if (r.status === "reachable") return `reachable — e.g. ${witnessText(r.witness)}`;
  if (r.status === "unknown") return `reachability unknown: ${r.reason}`;
  if (!r.coveredBy.length) return `unreachable${r.reason ? `: ${r.reason}` : ""}`;
  return `unreachable (covered by ${r.coveredBy.map((n) => `#${n}`).join(", ")})`;
}
