// Bundles the CLI, the language server and the benchmarks into single CommonJS files.
import { build } from "esbuild";
import { existsSync } from "node:fs";

const entries = [
  { in: "packages/cli/src/main.ts", out: "packages/cli/dist/emqx-acl.cjs", shebang: true },
  { in: "bench/main.ts", out: "dist/bench.mjs", format: "esm" },
  { in: "packages/language-server/src/server-main.ts", out: "packages/language-server/dist/server.cjs", shebang: true },
  // the language server's analysis worker, beside each bundle that can start the server
  { in: "packages/language-server/src/analysis-worker-main.ts", out: "packages/language-server/dist/analysis-worker.cjs" },
  { in: "packages/language-server/src/analysis-worker-main.ts", out: "packages/cli/dist/analysis-worker.cjs" },
].filter((e) => existsSync(e.in));

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: "node",
      target: "node20",
      format: e.format ?? "cjs",
      sourcemap: "linked",
      logLevel: "warning",
      banner: { js: [e.shebang ? "#!/usr/bin/env node" : "", e.format === "esm" ? "import { createRequire as __cr } from \"node:module\"; const require = __cr(import.meta.url);" : ""].join("\n") },
    }),
  ),
);
