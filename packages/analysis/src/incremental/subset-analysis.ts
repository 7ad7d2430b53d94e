/**
 * The exact checks (reachability, redundancy, conflicts) for a few target rules, run on a
 * sub-ruleset: the targets and every rule that may share a request with one of them.
 *
 * Why that is exact: each verdict on rule t is a statement about the requests t matches.
 * Reachability asks whether earlier rules decide all of them; redundancy whether, for each
 * one t decides, the next rule matching it has t's permission; conflicts which earlier
 * rules of the other permission match one of them. A rule sharing no request with t
 * matches none of those requests, so it can neither take one first nor decide one next:
 * dropping it changes no verdict on t. `mayShareRequest` never misses a rule that does share
 * one. The file's order is kept, so "earlier" and "later" mean the same.
 *
 * What may differ from a run on the whole file, and is corrected or accepted:
 * - the other rules of the subset lack their own neighbours, so their verdicts are not
 *   used; reachability marks the rules it proves unreachable "dead" and conflicts skip
 *   them: a rule unreachable in the subset is unreachable in the file (it has fewer earlier
 *   rules there), but not conversely, so the caller filters conflict lists by the rules'
 *   verdicts on the whole file;
 * - witnesses and covering sets are valid for the whole file (a rule that could spoil one
 *   would share a request with t, so it is here) but may be other valid choices than a
 *   whole-file run makes;
 * - identity classes (and whether regex classes are provably complete) are built from the
 *   subset's values: the caller only comes here when the file's regexes and networks did
 *   not change and the last whole-file run found no inexact rule;
 * - the work budget is the file's, per check, for the targets alone: when it runs out here
 *   the caller lints the whole file instead.
 */
import { prepareRequest, ruleVerdict, type Dialect, type Rule } from "@emqx-acl/core";
import { ConflictFinder } from "../reachability/conflicts";
import { analyzeReachability, indexedSpace, wireToRequest } from "../reachability/reachability";
import { RedundancyChecker } from "../reachability/redundancy";
import type { CancelToken } from "../lint/cancel";
import { mayShareRequest } from "./rule-overlap";
import { toReach, type RuleVerdicts } from "./rule-verdicts";

export interface SubsetRequest {
  /** Every rule of the file, in order. */
  rules: Rule[];
  /** Positions (in `rules`) of the rules to analyse. */
  targets: number[];
  dialect: Dialect;
  budget: number;
  redundancy: boolean;
  conflicts: (r: Rule) => boolean;
  cancel?: CancelToken;
  /** Give up (null) when the subset would be larger than this many rules. */
  maxRules: number;
  /**
   * The positions of every rule that may share a request with the rule at `target` (a
   * superset; the test is still applied): saves testing every rule of the file.
   */
  nearby?: (target: number) => Iterable<number>;
}

/** The verdicts of each target (conflict lists unfiltered), or null: too large or past the budget. */
export function analyzeSubset(req: SubsetRequest): Map<Rule, RuleVerdicts> | null {
  const { rules, dialect, budget } = req;
  const picked = pickSubset(req, (t, j) => j !== t && mayShareRequest(rules[t], rules[j]));
  if (!picked) return null;
  const { sub, at } = picked;
  const shared = indexedSpace(sub, dialect);
  shared.space.cancel = req.cancel;
  const reach = analyzeReachability(sub, { dialect, budget, shared });
  const byIndex = new Map(sub.map((r) => [r.index, r]));
  const out = new Map<Rule, RuleVerdicts>();
  for (const k of at) {
    const res = reach[k];
    if (res.status === "unknown" && res.notAnalysed) return null;
    out.set(sub[k], { reach: toReach(res, (i) => byIndex.get(i)!) });
  }
  // in file order, like lint: one checker per check, each under its own budget
  const redundancy = req.redundancy ? new RedundancyChecker(shared, budget) : null;
  const conflicts = new ConflictFinder(shared, budget);
  for (const k of at) {
    const r = sub[k];
    const v = out.get(r)!;
    if (v.reach.status !== "reachable") continue;
    if (redundancy) {
      v.redundant = redundancy.check(k);
      if (redundancy.cutAt !== null) return null;
      if (v.redundant?.redundant === false && v.reach.note === undefined) v.next = nextDecider(sub, k, v, dialect);
    }
    if (req.conflicts(r)) {
      const found = conflicts.find(k);
      if (conflicts.cutAt !== null) return null;
      v.conflicts = found?.map((j) => sub[j]) ?? null;
    }
  }
  return out;
}

/**
 * The rule deciding rule k's witness once k is removed, when it has the other permission
 * (null: no rule does), else undefined. Only rules in the subset can match the witness.
 */
function nextDecider(sub: Rule[], k: number, v: RuleVerdicts, dialect: Dialect): Rule | null | undefined {
  if (v.reach.status !== "reachable") return undefined;
  const p = (v.prepared ??= prepareRequest(wireToRequest(v.reach.witness), dialect));
  for (let j = k + 1; j < sub.length; j++) {
    const verdict = ruleVerdict(sub[j], p, dialect);
    if (verdict === "unknown") return undefined;
    if (verdict === "decides") return sub[j].permission !== sub[k].permission ? sub[j] : undefined;
  }
  return null;
}

/**
 * Only the conflict lists of the targets (the rest of their verdicts stand): the earlier
 * rules of the other permission that may share a request with them suffice, and no rule
 * is "dead" in this subset, so the lists hold every overlapping one (the caller drops the
 * unreachable ones, as a whole-file run does).
 */
export function subsetConflicts(req: SubsetRequest): Map<Rule, Rule[] | null> | null {
  const { rules } = req;
  const picked = pickSubset(
    req,
    (t, j) => j < t && rules[j].permission !== rules[t].permission && mayShareRequest(rules[t], rules[j]),
  );
  if (!picked) return null;
  const { sub, at } = picked;
  const shared = indexedSpace(sub, req.dialect);
  shared.space.cancel = req.cancel;
  const conflicts = new ConflictFinder(shared, req.budget);
  const out = new Map<Rule, Rule[] | null>();
  for (const k of at) {
    if (!req.conflicts(sub[k])) continue;
    const found = conflicts.find(k);
    if (conflicts.cutAt !== null) return null;
    out.set(sub[k], found?.map((j) => sub[j]) ?? null);
  }
  return out;
}

/** The targets and the rules `wanted` by one of them, in file order; null past `maxRules`. */
function pickSubset(
  req: SubsetRequest,
  wanted: (target: number, j: number) => boolean,
): { sub: Rule[]; at: number[] } | null {
  const { rules } = req;
  const picked = new Uint8Array(rules.length);
  for (const t of req.targets) picked[t] = 1;
  const chosen = [...req.targets];
  const pick = (t: number, j: number) => {
    if (picked[j] || !wanted(t, j)) return true;
    picked[j] = 2;
    chosen.push(j);
    return chosen.length <= req.maxRules;
  };
  if (req.nearby) {
    for (const t of req.targets) for (const j of req.nearby(t)) if (!pick(t, j)) return null;
  } else {
    for (let j = 0; j < rules.length; j++) for (const t of req.targets) if (!pick(t, j)) return null;
  }
  chosen.sort((x, y) => x - y);
  const sub: Rule[] = [];
  const at: number[] = []; // position in `sub` of each target, in file order
  for (const j of chosen) {
    if (picked[j] === 1) at.push(sub.length);
    sub.push(rules[j]);
  }
  return { sub, at };
}
