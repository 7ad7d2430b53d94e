// Writes EMQX's answers for the differential test (test/emqx-differential.test.ts): the
// cases of test/support/differential-gen.ts, decided by EMQX's own rule code as build.sh
// compiled it.  node scripts/emqx-differential/run.mjs [BUILD_DIR]  (default /tmp/emqx-differential)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const buildDir = process.argv[2] ?? "/tmp/emqx-differential";
const root = new URL("../../", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "emqx-differential-"));
try {
  // the generator is TypeScript: bundle it once for this script
  const gen = join(work, "gen.mjs");
  await build({
    entryPoints: [join(root, "test/support/differential-gen.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: gen,
    logLevel: "warning",
  });
  const { differentialCases, DIFFERENTIAL_RUNS, fingerprint } = await import(gen);
  const bin = (s) => `<<${[...Buffer.from(s, "utf8")].join(",")}>>`;
  const request = (r) =>
    `{${r.username === null ? "undefined" : bin(r.username)}, ${bin(r.clientid)}, ` +
    `${r.peerhost === null ? "undefined" : `"${r.peerhost}"`}, '${r.zone}', '${r.listener}', ` +
    `${r.cert_common_name === null ? "undefined" : bin(r.cert_common_name)}, ` +
    `#{${Object.entries(r.client_attrs)
      .map(([k, v]) => `${bin(k)} => ${bin(v)}`)
      .join(", ")}}, ${r.action}, ${r.qos}, ${r.retain}, ${bin(r.topic)}}`;
  mkdirSync(join(root, "test/fixtures/emqx-differential"), { recursive: true });
  for (const { dialect, seed, count } of DIFFERENTIAL_RUNS) {
    const cases = differentialCases(dialect, seed, count);
    const dir = join(work, dialect);
    mkdirSync(dir);
    const terms = cases.map((c, i) => {
      const path = join(dir, `c${i}.conf`);
      writeFileSync(path, c.text);
      return `{"${path}", [${c.requests.map(request).join(",\n")}]}`;
    });
    writeFileSync(join(dir, "cases.eterm"), `[${terms.join(",\n")}].\n`);
    const out = join(dir, "answers.txt");
    const harness = dialect === "v4" ? "authzdiff4" : "authzdiff";
    execFileSync(
      "erl",
      [
        "-noshell",
        "-pa",
        join(buildDir, dialect, "ebin"),
        "-eval",
        `${harness}:main(["${join(dir, "cases.eterm")}", "${out}"]), halt().`,
      ],
      { stdio: "inherit" },
    );
    const answers = readFileSync(out, "utf8");
    const header = `# EMQX's answers (scripts/emqx-differential): ${dialect} seed=${seed} count=${count} cases=${fingerprint(cases)}\n`;
    writeFileSync(join(root, `test/fixtures/emqx-differential/${dialect}.answers`), header + answers);
    console.log(`${dialect}: ${answers.split("\n").filter((l) => l === "L").length} of ${count} files do not load`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
