/**
 * `compile --to acl` checked against EMQX's own rule code (run by run.mjs --conversions):
 * each generated file of one version is converted to every other version; EMQX of the
 * source version decides the requests on the source (without the rules the converter
 * refused, which it reports), EMQX of the target version on the conversion, and every
 * decision (allow, deny, no match) must be the same. The converted file must load.
 *   argv: dialect seed count buildDir workDir
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DIALECTS, type Dialect, type WireRequest } from "../../packages/core/src/index";
import { aclEmitter } from "../../packages/emitters/src/acl";
import { differentialCases } from "../../test/support/differential-gen";
import { loadCase, runHarness, scriptArgs } from "./harness";

const { dialect: from, seed, count, buildDir, work } = scriptArgs();

/** EMQX's answers, topics as sent to the rules in both versions (no broker rewriting: it differs between them). */
const emqx = (dialect: Dialect, dir: string, files: { path: string; requests: WireRequest[] }[]) =>
  runHarness(dialect, buildDir, dir, files, false);

let failed = false;
for (const to of DIALECTS.filter((d) => d !== from)) {
  const dir = join(work, `conversions-${from}-${to}`);
  mkdirSync(dir, { recursive: true });
  const sources: { path: string; requests: WireRequest[] }[] = [];
  const targets: { path: string; requests: WireRequest[] }[] = [];
  const texts: { source: string; target: string }[] = [];
  let refusedRules = 0;
  for (const [i, c] of differentialCases(from, seed, count).entries()) {
    const { parse, lowered } = loadCase(c.text, from);
    const { ruleSet } = lowered;
    if (ruleSet.loadError) continue;
    const emitted = aclEmitter.emit(ruleSet.rules, { dialect: from, targetDialect: to, sourceText: parse.text });
    refusedRules += emitted.refusals.length;
    const kept = ruleSet.rules.filter((r) => !emitted.refusals.some((x) => x.rule === r.index));
    if (!kept.length) continue;
    const source = kept.map((r) => `${parse.text.slice(r.start, r.end)}.\n`).join("");
    const target = emitted.files[0].content;
    const requests = c.requests;
    writeFileSync(join(dir, `s${i}.conf`), source);
    writeFileSync(join(dir, `t${i}.conf`), target);
    sources.push({ path: join(dir, `s${i}.conf`), requests });
    targets.push({ path: join(dir, `t${i}.conf`), requests });
    texts.push({ source, target });
  }
  const a = emqx(from, dir, sources);
  const b = emqx(to, dir, targets);
  const problems: string[] = [];
  let compared = 0;
  texts.forEach(({ source, target }, i) => {
    // the source keeps rules of a file EMQX loads, each compiled on its own: it loads too
    if (a[i] === "L") return void problems.push(`EMQX ${from} refuses the source without the refused rules\n${source}`);
    if (b[i] === "L") return void problems.push(`EMQX ${to} refuses the conversion\n${source}=>\n${target}`);
    const x = a[i].split(" ");
    const y = b[i].split(" ");
    x.forEach((ans, k) => {
      if (ans === "-" || y[k] === "-") return;
      compared++;
      if (ans[0] !== y[k][0])
        problems.push(
          `request ${k}: EMQX ${from} ${ans}, EMQX ${to} ${y[k]} on the conversion\n${source}=>\n${target}`,
        );
    });
  });
  writeFileSync(join(dir, "problems.txt"), problems.join("\n\n"));
  console.log(
    `${from} -> ${to}: ${texts.length} files converted (${refusedRules} rules refused), ${compared} decisions compared, ${problems.length} problems` +
      (problems.length ? ` (${join(dir, "problems.txt")})` : ""),
  );
  if (problems.length) failed = true;
}
if (failed) process.exitCode = 1;
