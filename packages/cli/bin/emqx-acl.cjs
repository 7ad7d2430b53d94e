#!/usr/bin/env node
// Thin launcher: the real CLI is an esbuild bundle in ../dist (built by `pnpm build`): the
// command's own bundle when there is one (it loads only what that command needs), else the
// whole CLI (help, version, unknown commands).
const path = require("node:path");
const fs = require("node:fs");
const dist = path.join(__dirname, "..", "dist");
const bundle = path.join(dist, "emqx-acl.cjs");
if (!fs.existsSync(bundle)) {
  process.stderr.write("emqx-acl: the CLI is not built yet; run `pnpm build` at the repository root\n");
  process.exit(2);
}
// V8 lets the heap grow to about twice what is live before a full collection. A 1.5x growth
// factor cut the peak by a third on the 200k fleet file for ~5% more CPU (none at 10k). On
// inputs of tens of MB the whole-file analyses (lint, analyze, fmt) grow by 1.1x: the
// 610k-rule fleet file (57 MB) peaked at 3.0 GB with 1.5x, 2.18 GB with 1.2x and 2.08 GB
// with 1.1x, in the same time. Commands that only load the rules keep 1.2x: loading is a
// steadily growing heap, where each step down costs full collections (check on the same
// file: 11.7 s and 1.9 GB at 1.5x, 15.3 s and 1.6 GB at 1.2x, 17.4 s and 1.4 GB at 1.1x).
const inputBytes = process.argv.slice(2).reduce((sum, a) => {
  try {
    const st = fs.statSync(a);
    return st.isFile() ? sum + st.size : sum;
  } catch {
    return sum;
  }
}, 0);
const command = process.argv[2];
const wholeFile = command === "lint" || command === "analyze" || command === "fmt";
const growth = inputBytes <= 32 * 1024 * 1024 ? 50 : wholeFile ? 10 : 20;
require("node:v8").setFlagsFromString(`--heap-growing-percent=${growth}`);
const own = command !== undefined && /^[a-z]+$/.test(command) ? path.join(dist, `emqx-acl-${command}.cjs`) : null;
require(own !== null && fs.existsSync(own) ? own : bundle);
