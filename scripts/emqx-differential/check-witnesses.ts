/**
 * The analysis checked against EMQX's own rule code (run by run.mjs --witnesses): for the
 * generated files of test/support/differential-gen.ts, every witness `analyzeReachability`
 * gives must be decided by its rule in EMQX, and no request EMQX decides may be decided by
 * a rule the analysis calls unreachable. Witnesses whose topic EMQX's broker rewrites
 * before the rules ($share, $queue, $exclusive, $delayed: the harness calls the rules
 * directly) or that are not UTF-8 (the wire form is lossy) are counted, not compared.
 *   argv: dialect seed count buildDir workDir
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { decodeAclBytes, parseDocument } from "../../packages/syntax/src/index";
import { lower, type Dialect, type WireRequest } from "../../packages/core/src/index";
import { analyzeReachability, type ReachabilityResult } from "../../packages/analysis/src/reachability/index";
import { differentialCases } from "../../test/support/differential-gen";
import { erlangRequest, harnessFor } from "./erlang-request";

const [dialect, seed, count, buildDir, work] = [
  process.argv[2] as Dialect,
  Number(process.argv[3]),
  Number(process.argv[4]),
  process.argv[5],
  process.argv[6],
];
const REWRITTEN = /^\$(share|queue|exclusive|delayed)(\/|$)/;
const cases = differentialCases(dialect, seed, count);
const dir = join(work, `witnesses-${dialect}`);
mkdirSync(dir, { recursive: true });
const verdicts: ReachabilityResult[][] = [];
const witnesses: { rule: number; request: WireRequest }[][] = [];
const tally = { reachable: 0, compared: 0, notCompared: 0, unreachable: 0, unknown: 0, sampled: 0 };
const terms = cases.map((c, i) => {
  const path = join(dir, `c${i}.conf`);
  writeFileSync(path, c.text);
  const decoded = decodeAclBytes(Buffer.from(c.text, "utf8"));
  const parse = parseDocument(decoded.text);
  const { ruleSet } = lower({ ...parse, diagnostics: [...decoded.diagnostics, ...parse.diagnostics] }, dialect);
  const res = ruleSet.loadError ? [] : analyzeReachability(ruleSet.rules, { dialect });
  const wit: { rule: number; request: WireRequest }[] = [];
  for (const r of res) {
    if (r.status === "reachable") {
      tally.reachable++;
      if (r.note || REWRITTEN.test(r.witness.topic)) tally.notCompared++;
      else wit.push({ rule: r.rule, request: r.witness });
    } else tally[r.status]++;
  }
  verdicts.push(res);
  witnesses.push(wit);
  return `{"${path}", [${[...wit.map((w) => w.request), ...c.requests].map(erlangRequest).join(",\n")}]}`;
});
writeFileSync(join(dir, "cases.eterm"), `[${terms.join(",\n")}].\n`);
const out = join(dir, "answers.txt");
execFileSync(
  "erl",
  [
    "-noshell",
    "-pa",
    join(buildDir, dialect, "ebin"),
    "-eval",
    `${harnessFor(dialect)}:main(["${join(dir, "cases.eterm")}", "${out}"]), halt().`,
  ],
  { stdio: "inherit" },
);
const lines = readFileSync(out, "utf8").split("\n");
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
