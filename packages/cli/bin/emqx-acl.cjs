#!/usr/bin/env node
// Thin launcher: the real CLI is the esbuild bundle in ../dist (built by `pnpm build`).
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist", "emqx-acl.cjs");
if (!fs.existsSync(bundle)) {
  process.stderr.write("emqx-acl: the CLI is not built yet; run `pnpm build` at the repository root\n");
  process.exit(2);
}
require(bundle);
