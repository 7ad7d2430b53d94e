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
// V8 lets the heap grow to about twice what is live before a full collection; on a
// 600k-rule file that was a 2.9 GB peak for ~1.2 GB of live data. A 1.5x growth factor
// cut the peak by a third on the 200k fleet file for ~5% more CPU (measured; none at 10k).
require("node:v8").setFlagsFromString("--heap-growing-percent=50");
const command = process.argv[2];
const own = command !== undefined && /^[a-z]+$/.test(command) ? path.join(dist, `emqx-acl-${command}.cjs`) : null;
require(own !== null && fs.existsSync(own) ? own : bundle);
