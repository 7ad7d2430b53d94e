/**
 * EMQX's answers for test/emqx-differential.test.ts (run by run.mjs): the cases of
 * test/support/differential-gen.ts for one run, decided by EMQX's own rule code.
 *   argv: dialect seed count buildDir workDir outFile
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Dialect } from "../../packages/core/src/index";
import { differentialCases, fingerprint } from "../../test/support/differential-gen";
import { erlangRequest, harnessFor } from "./erlang-request";

const [dialect, seed, count, buildDir, work, outFile] = [
  process.argv[2] as Dialect,
  Number(process.argv[3]),
  Number(process.argv[4]),
  process.argv[5],
  process.argv[6],
  process.argv[7],
];
const cases = differentialCases(dialect, seed, count);
const dir = join(work, `answers-${dialect}`);
mkdirSync(dir, { recursive: true });
const terms = cases.map((c, i) => {
  const path = join(dir, `c${i}.conf`);
  writeFileSync(path, c.text);
  return `{"${path}", [${c.requests.map(erlangRequest).join(",\n")}]}`;
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
const answers = readFileSync(out, "utf8");
const header = `# EMQX's answers (scripts/emqx-differential): ${dialect} seed=${seed} count=${count} cases=${fingerprint(cases)}\n`;
writeFileSync(outFile, header + answers);
const refused = answers.split("\n").filter((l) => l === "L").length;
console.log(`${dialect}: ${refused} of ${count} files do not load`);
