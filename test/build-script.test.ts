/**
 * scripts/build.mjs puts each bundle in place by renaming a finished file and leaves an
 * unchanged bundle alone: test files rebuild while other tests run the CLI, and a CLI that
 * started during a plain write loaded half a bundle.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/shared";

const build = () => execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
const dists = ["packages/cli/dist", "packages/language-server/dist"].map((d) => join(repoRoot, d));

describe("scripts/build.mjs", () => {
  it("leaves unchanged bundles untouched and no temporary file behind", () => {
    build();
    const bundle = join(repoRoot, "packages/cli/dist/emqx-acl-check.cjs");
    const before = statSync(bundle);
    build();
    const after = statSync(bundle);
    // a rewrite (even of the same bytes) gives a new inode or a new modification time
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    for (const dir of dists) expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 120_000);
});
