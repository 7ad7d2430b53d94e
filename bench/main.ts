/**
 * `pnpm bench [suite...]`: runs the benchmark suites (all by default).
 * Each suite lives in its own file and registers here with one line.
 */
import type { Suite } from "./harness";

// one import line per suite, e.g.: import { suite as parse } from "./parse.bench";
import { suite as check } from "./check.bench";
import { suite as parse } from "./parse.bench";
import { suite as lsp } from "./lsp.bench";
import { suite as compile } from "./compile.bench";
import { suite as analyze } from "./analyze.bench";

// and one entry per suite here
const suites: Suite[] = [parse, check, lsp, compile, analyze];

const wanted = process.argv.slice(2);
for (const s of suites) {
  if (wanted.length && !wanted.includes(s.name)) continue;
  console.log(`\n# ${s.name}`);
  await s.run(wanted);
}
