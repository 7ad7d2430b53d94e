/**
 * EMQX's answers for test/emqx-differential.test.ts (run by run.mjs): the cases of
 * test/support/differential-gen.ts for one run, decided by EMQX's own rule code.
 *   argv: dialect seed count buildDir workDir outFile
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { differentialCases, fingerprint } from "../../test/support/differential-gen";
import { runHarness, scriptArgs } from "./harness";

const { dialect, seed, count, buildDir, work } = scriptArgs();
const outFile = process.argv[7];
const cases = differentialCases(dialect, seed, count);
const dir = join(work, `answers-${dialect}`);
mkdirSync(dir, { recursive: true });
const files = cases.map((c, i) => {
  const path = join(dir, `c${i}.conf`);
  writeFileSync(path, c.text);
  return { path, requests: c.requests };
});
const answers = runHarness(dialect, buildDir, dir, files).slice(0, count);
const header = `# EMQX's answers (scripts/emqx-differential): ${dialect} seed=${seed} count=${count} cases=${fingerprint(cases)}\n`;
writeFileSync(outFile, header + answers.join("\n") + "\n");
console.log(`${dialect}: ${answers.filter((l) => l === "L").length} of ${count} files do not load`);
