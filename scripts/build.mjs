// Bundles the CLI, the language server and the benchmarks into single CommonJS files.
import { build } from "esbuild";
import { existsSync } from "node:fs";

const entries = [
  { in: "packages/cli/src/main.ts", out: "packages/cli/dist/emqx-acl.cjs", shebang: true },
  { in: "packages/cli/src/bench/main.ts", out: "packages/cli/dist/bench.cjs" },
  { in: "packages/language-server/src/server-main.ts", out: "packages/language-server/dist/server.cjs", shebang: true },
].filter((e) => existsSync(e.in));

await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: e.out,
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      sourcemap: "linked",
      logLevel: "warning",
      banner: e.shebang ? { js: "#!/usr/bin/env node" } : undefined,
    }),
  ),
);
