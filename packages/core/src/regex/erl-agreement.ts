/**
 * Test helper: both of our regex engines (the backtracking matcher and the byte DFA)
 * against `re:run`'s verdicts from real Erlang, for a batch of patterns and subjects.
 */
import { backtrackProgram, backtrackTest } from "./backtrack";
import { compileErlangRegex, type ErlangRegex } from "./compile";
import { dfaAccepts } from "./dfa";
import { erlDecide } from "./erl-oracle";
import { genSubjects, rng } from "./regex-gen";
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

/**
 * `compileErlangRegex` against re:compile and re:run: every pattern must be refused with
 * erl's message at erl's offset, or answer as re:run on every subject; none may be
 * unsupported. Also counts what erl refused, compiled and matched.
 */
function compileDisagreements(cases: { pattern: string; subjects: string[] }[]): {
  problems: string[];
  refused: number;
  compiled: number;
  matched: number;
} {
  const verdicts = erlDecide(cases);
  const out = { problems: [] as string[], refused: 0, compiled: 0, matched: 0 };
  cases.forEach(({ pattern: p, subjects }, k) => {
    const erl = verdicts[k];
    const ours = compileErlangRegex(p);
    if (ours.kind === "unsupported") return void out.problems.push(`${p}: unsupported (${ours.reason})`);
    if (erl.kind === "invalid" || ours.kind === "invalid") {
      if (erl.kind === "invalid") out.refused++;
      const same =
        erl.kind === "invalid" && ours.kind === "invalid" && erl.message === ours.message && erl.offset === ours.offset;
      if (!same) out.problems.push(`${p}: erl ${JSON.stringify(erl)} ours ${JSON.stringify(ours)}`);
      return;
    }
    out.compiled++;
    subjects.forEach((s, i) => {
      if (erl.matches[i]) out.matched++;
      const mine = answerOf(ours, s);
      if (erl.matches[i] !== null && mine !== erl.matches[i])
        out.problems.push(
          `${p} on ${JSON.stringify(s)}: erl ${erl.matches[i]}${mine === null ? ", ours unknown" : ""}`,
        );
    });
  });
  return out;
}

/** `compileDisagreements` on up to 1,500 distinct patterns of a generator, 8 subjects each. */
export function generatedDisagreements(
  generate: (r: () => number) => string,
  seed: number,
): ReturnType<typeof compileDisagreements> {
  const r = rng(seed);
  const patterns = [...new Set(Array.from({ length: 1500 }, () => generate(r)))];
  return compileDisagreements(patterns.map((p) => ({ pattern: p, subjects: genSubjects(r, p, 8) })));
}

/** Our answer for a subject of a compiled pattern: null when not known (partial patterns). */
export function answerOf(r: Extract<ErlangRegex, { kind: "ok" | "partial" }>, subject: string): boolean | null {
  return r.kind === "ok" ? r.test(subject) : r.verdict(subject);
}
