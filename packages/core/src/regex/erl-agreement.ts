/**
 * Test helper: both of our regex engines (the backtracking matcher and the byte DFA)
 * against `re:run`'s verdicts from real Erlang, for a batch of patterns and subjects.
 */
import { backtrackProgram, backtrackTest } from "./backtrack";
import { dfaAccepts } from "./dfa";
import { erlDecide } from "./erl-oracle";
import { parseRegex } from "./parse";
import { regexToDfa } from "./regex-dfa";

/**
 * Every disagreement in words (empty when both engines give erl's answer everywhere), and
 * how many patterns got a DFA. A pattern without a DFA is a disagreement unless
 * `allowNoDfa` accepts it.
 */
export function engineDisagreements(
  cases: { pattern: string; subjects: string[] }[],
  allowNoDfa: (pattern: string) => boolean = () => true,
): { bad: string[]; dfas: number } {
  const verdicts = erlDecide(cases);
  const bad: string[] = [];
  let dfas = 0;
  cases.forEach(({ pattern, subjects }, k) => {
    const v = verdicts[k];
    if (v.kind !== "ok") return void bad.push(`${JSON.stringify(pattern)}: erl refuses it`);
    const prog = backtrackProgram(parseRegex(pattern));
    if ("unsupported" in prog) return void bad.push(`${JSON.stringify(pattern)}: ${prog.unsupported}`);
    const bt = backtrackTest(prog);
    const d = regexToDfa(pattern);
    if (!("unsupported" in d)) dfas++;
    else if (!allowNoDfa(pattern)) bad.push(`${JSON.stringify(pattern)}: no DFA (${d.unsupported})`);
    subjects.forEach((s, i) => {
      const want = v.matches[i] === true;
      if (bt(s) !== want) bad.push(`backtracking ${JSON.stringify(pattern)} on ${JSON.stringify(s)}: erl=${want}`);
      if (!("unsupported" in d) && dfaAccepts(d, s) !== want)
        bad.push(`DFA ${JSON.stringify(pattern)} on ${JSON.stringify(s)}: erl=${want}`);
    });
  });
  return { bad, dfas };
}
