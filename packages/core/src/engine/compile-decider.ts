/**
 * `compileDecider`: the indexed engine. Same answers as `decideLinear` (a property test
 * checks it), with a cost that grows with the candidate rules of a request, not the file.
 */
import type { Decision, Request } from "../model/request";
import type { RuleSet } from "../model/rule";
import { matchRule, type EngineOptions } from "./match-rule";
import { prepareRequest, type PreparedRequest } from "./prepare";
import { NOMATCH, outcomeDecision } from "./decide";
import { buildIndex, candidates } from "./rule-index";
import { explainRequest, type Explanation } from "./explain";
import { firstOfEachMatch } from "./match-key";
import { QuickReject } from "./quick-reject";
import { runsHardened } from "../model/dialects";

export interface Decider {
  decide(request: Request): Decision;
  explain(request: Request): Explanation;
}

/** Compiles a rule set into an indexed decider. */
export function compileDecider(ruleSet: RuleSet, options: EngineOptions = {}): Decider {
  const rules = firstOfEachMatch(ruleSet.rules);
  const dialect = ruleSet.dialect;
  const renderCanDeny = runsHardened(dialect, options.securityProfile);
  const idx = buildIndex(rules, renderCanDeny);
  const quick = new QuickReject(rules, renderCanDeny);
  // reused per call: decide is synchronous and never re-entered
  const lists: number[][] = [];
  const at = new Int32Array(8 + idx.usernamePrefixLengths.length);
  /** The decision of the first deciding rule at a position in `l`, or null. */
  function walk(l: number[], p: PreparedRequest): Decision | null {
    for (let i = 0; i < l.length; i++) {
      if (quick.rejects(l[i], p)) continue;
      const rule = rules[l[i]];
      const d = outcomeDecision(rule, matchRule(rule, p, dialect, options), options);
      if (d !== null) return d;
    }
    return null;
  }
  function decide(request: Request): Decision {
    const p = prepareRequest(request, dialect);
    if (p.refused !== null) return { decision: "deny", rule: null, note: p.refused };
    const n = candidates(idx, p, lists);
    if (n === 0) return NOMATCH;
    if (n === 1) return walk(lists[0], p) ?? NOMATCH;
    at.fill(0, 0, n);
    for (;;) {
      // k-way merge of the sorted lists: the smallest rule position next
      let best = -1;
      let pos = Infinity;
      for (let k = 0; k < n; k++) {
        const l = lists[k];
        if (at[k] < l.length && l[at[k]] < pos) {
          pos = l[at[k]];
          best = k;
        }
      }
      if (best < 0) return NOMATCH;
      at[best]++;
      if (quick.rejects(pos, p)) continue;
      const rule = rules[pos];
      const d = outcomeDecision(rule, matchRule(rule, p, dialect, options), options);
      if (d !== null) return d;
    }
  }
  return { decide, explain: (request) => explainRequest(ruleSet, request, options) };
}
