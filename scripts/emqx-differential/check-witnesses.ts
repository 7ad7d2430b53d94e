/**
 * The analysis checked against EMQX's own rule code (run by run.mjs --witnesses): for the
 * generated files of test/support/differential-gen.ts, every witness `analyzeReachability`
 * gives must be decided by its rule in EMQX, and no request EMQX decides may be decided by
 * a rule the analysis calls unreachable. Witnesses that are not UTF-8 (the wire form is
 * lossy) are counted, not compared; so would be those whose topic the broker rewrites
 * ($share, $queue, $exclusive, $delayed) for a version whose harness hands topics to the
 * rules as they are (BROKER_TOPICS off).
 *   argv: dialect seed count buildDir workDir
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { WireRequest } from "../../packages/core/src/index";
import { analyzeReachability, type ReachabilityResult } from "../../packages/analysis/src/reachability/index";
import { differentialCases } from "../../test/support/differential-gen";
import { BROKER_TOPICS, loadCase, runHarness, scriptArgs } from "./harness";

const { dialect, seed, count, buildDir, work } = scriptArgs();
/** A topic the broker rewrites, where the harness hands topics to the rules as they are. */
const rewritten = (topic: string) => !BROKER_TOPICS[dialect] && /^\$(share|queue|exclusive|delayed)(\/|$)/.test(topic);
const cases = differentialCases(dialect, seed, count);
const dir = join(work, `witnesses-${dialect}`);
mkdirSync(dir, { recursive: true });
const verdicts: ReachabilityResult[][] = [];
const witnesses: { rule: number; request: WireRequest }[][] = [];
const tally = { reachable: 0, compared: 0, notCompared: 0, unreachable: 0, unknown: 0, sampled: 0 };
const files = cases.map((c, i) => {
  const path = join(dir, `c${i}.conf`);
  writeFileSync(path, c.text);
  const { ruleSet } = loadCase(c.text, dialect).lowered;
  const res = ruleSet.loadError ? [] : analyzeReachability(ruleSet.rules, { dialect });
  const wit: { rule: number; request: WireRequest }[] = [];
  for (const r of res) {
    if (r.status === "reachable") {
      tally.reachable++;
      if (r.note || rewritten(r.witness.topic)) tally.notCompared++;
      else wit.push({ rule: r.rule, request: r.witness });
    } else tally[r.status]++;
  }
  verdicts.push(res);
  witnesses.push(wit);
  return { path, requests: [...wit.map((w) => w.request), ...c.requests] };
});
const lines = runHarness(dialect, buildDir, dir, files);
const problems: string[] = [];
cases.forEach((c, i) => {
  const answers = lines[i].split(" ");
  if (answers[0] === "L") return;
  witnesses[i].forEach((w, k) => {
    if (answers[k] === `a${w.rule}` || answers[k] === `d${w.rule}`) tally.compared++;
    else
      problems.push(
        `file ${i}: the witness of rule ${w.rule} is ${answers[k]} in EMQX\n${JSON.stringify(w.request)}\n${c.text}`,
      );
  });
  for (let k = witnesses[i].length; k < answers.length; k++) {
    if (!/^[ad]\d+$/.test(answers[k])) continue;
    tally.sampled++;
    const rule = Number(answers[k].slice(1));
    const v = verdicts[i].find((r) => r.rule === rule);
    if (v?.status === "unreachable")
      problems.push(`file ${i}: EMQX decides a request by rule ${rule}, called unreachable\n${c.text}`);
  }
});
writeFileSync(join(dir, "problems.txt"), problems.join("\n\n"));
console.log(
  `${dialect}: ${tally.reachable} reachable (${tally.compared} witnesses confirmed by EMQX, ${tally.notCompared} not comparable), ` +
    `${tally.unreachable} unreachable, ${tally.unknown} unknown; ${tally.sampled} decisions of EMQX checked against them; ${problems.length} problems` +
    (problems.length ? ` (${join(dir, "problems.txt")})` : ""),
);
if (problems.length) process.exitCode = 1;
