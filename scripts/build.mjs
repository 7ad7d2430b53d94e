// Bundles the CLI, the language server and the benchmarks into single CommonJS files. Each
// CLI command also gets a bundle of its own (`emqx-acl-<command>.cjs`, which the launcher
// loads) holding only what that command needs: the whole CLI took 0.25 s to load before
// `check` could start (database drivers, the language server, 3.4 MB of script to compile).
import { build as esbuild } from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Builds in memory, then puts each output in place by renaming a finished temporary file:
 * the test files rebuild the bundles while other tests run them, and a CLI started during
 * a plain write could load half a bundle (a SyntaxError, exit 1). Unchanged files are left
 * alone.
 */
async function build(options) {
  const result = await esbuild({ ...options, write: false });
  for (const out of result.outputFiles) {
    if (existsSync(out.path) && readFileSync(out.path).equals(out.contents)) continue;
    mkdirSync(dirname(out.path), { recursive: true });
    const tmp = `${out.path}.${process.pid}.tmp`;
    writeFileSync(tmp, out.contents);
    renameSync(tmp, out.path);
  }
  return result;
}

const cliSrc = resolve("packages/cli/src");
/** Command names: `commands/<name>.ts` registers the command `<name>` (a test checks it). */
const commands = existsSync(`${cliSrc}/commands`)
  ? readdirSync(`${cliSrc}/commands`)
      .filter((f) => /^[a-z]+\.ts$/.test(f))
      .map((f) => f.slice(0, -3))
  : [];

/** `command:<name>` entries: runCli over that one command (one build, so sources are read once). */
const commandEntries = {
  name: "command-entries",
  setup(b) {
    b.onResolve({ filter: /^command:/ }, (args) => ({ path: args.path.slice(8), namespace: "command" }));
    b.onLoad({ filter: /.*/, namespace: "command" }, (args) => ({
      contents: `import { runCli } from "./run-cli";\nimport { register } from "./commands/${args.path}";\nrunCli([register]);\n`,
      resolveDir: cliSrc,
      loader: "ts",
    }));
  },
};

// lazy-chevrotain: the syntax package loads its Chevrotain parser on first use (package.json "imports")
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  logLevel: "warning",
  conditions: ["lazy-chevrotain"],
};
const cjs = (shebang) => ({ ...common, format: "cjs", banner: { js: shebang ? "#!/usr/bin/env node" : "" } });

const builds = [
  existsSync(`${cliSrc}/main.ts`) &&
    build({
      ...cjs(true),
      entryPoints: [
        { in: `${cliSrc}/main.ts`, out: "emqx-acl" },
        ...commands.map((name) => ({ in: `command:${name}`, out: `emqx-acl-${name}` })),
      ],
      outdir: "packages/cli/dist",
      outExtension: { ".js": ".cjs" },
      plugins: [commandEntries],
      // cli-bundle: `--source-url`'s live sources (and the drivers) load from live-sources.cjs, on first need
      conditions: [...common.conditions, "cli-bundle"],
    }),
  existsSync("packages/chain/src/live-sources.ts") &&
    build({
      ...cjs(false),
      entryPoints: ["packages/chain/src/live-sources.ts"],
      outfile: "packages/cli/dist/live-sources.cjs",
    }),
  // check's worker threads (check-pool.ts), beside the command bundles
  existsSync(`${cliSrc}/check-worker-main.ts`) &&
    build({
      ...cjs(false),
      entryPoints: [`${cliSrc}/check-worker-main.ts`],
      outfile: "packages/cli/dist/check-worker.cjs",
      conditions: [...common.conditions, "cli-bundle"],
    }),
  existsSync("bench/main.ts") &&
    build({
      ...common,
      entryPoints: ["bench/main.ts"],
      outfile: "dist/bench.mjs",
      format: "esm",
      banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
    }),
  existsSync("packages/language-server/src/server-main.ts") &&
    build({
      ...cjs(true),
      entryPoints: ["packages/language-server/src/server-main.ts"],
      outfile: "packages/language-server/dist/server.cjs",
    }),
  // the language server's analysis worker, beside each bundle that can start the server
  ...["packages/language-server/dist", "packages/cli/dist"].map(
    (dir) =>
      existsSync("packages/language-server/src/analysis-worker-main.ts") &&
      build({
        ...cjs(false),
        entryPoints: ["packages/language-server/src/analysis-worker-main.ts"],
        outfile: `${dir}/analysis-worker.cjs`,
      }),
  ),
];
await Promise.all(builds.filter(Boolean));
