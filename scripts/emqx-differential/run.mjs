// The differential runs against EMQX's own rule code, compiled by build.sh (needs erl):
//   node scripts/emqx-differential/run.mjs [BUILD_DIR]
//     writes test/fixtures/emqx-differential/<dialect>.answers (replayed by the test)
//   node scripts/emqx-differential/run.mjs --witnesses [--seed N] [--count N] [BUILD_DIR]
//     checks the analysis's witnesses and unreachable verdicts against EMQX (exit 1 on a problem)
//   node scripts/emqx-differential/run.mjs --conversions [--seed N] [--count N] [BUILD_DIR]
//     checks compile --to acl between every two versions against EMQX (exit 1 on a problem)
// BUILD_DIR defaults to /tmp/emqx-differential.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    witnesses: { type: "boolean" },
    conversions: { type: "boolean" },
    seed: { type: "string" },
    count: { type: "string" },
  },
});
const buildDir = positionals[0] ?? "/tmp/emqx-differential";
const root = new URL("../../", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "emqx-differential-"));
try {
  const entry = values.witnesses
    ? "check-witnesses.ts"
    : values.conversions
      ? "check-conversions.ts"
      : "write-answers.ts";
  const bundle = join(work, "run.mjs");
  await build({
    entryPoints: [join(root, "scripts/emqx-differential", entry)],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: bundle,
    logLevel: "warning",
  });
  const { DIFFERENTIAL_RUNS } = await import(await bundleGen());
  let failed = false;
  for (const run of DIFFERENTIAL_RUNS) {
    const seed = values.seed ?? String(run.seed);
    const count = values.count ?? String(run.count);
    const args = [bundle, run.dialect, seed, count, buildDir, work];
    if (!values.witnesses && !values.conversions)
      args.push(join(root, `test/fixtures/emqx-differential/${run.dialect}.answers`));
    try {
      execFileSync(process.execPath, args, { stdio: "inherit" });
    } catch {
      failed = true;
    }
  }
  if (failed) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** The generator's module (for the list of runs), bundled on its own. */
async function bundleGen() {
  const out = join(work, "gen.mjs");
  await build({
    entryPoints: [join(root, "test/support/differential-gen.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: out,
    logLevel: "warning",
  });
  return out;
}
