/** scripts/dead-exports.mjs on a small tree of the same layout. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/shared";

function tree(baseline: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "dead-exports-"));
  mkdirSync(join(root, "packages/a/src"), { recursive: true });
  mkdirSync(join(root, "scripts"));
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { module: "esnext", moduleResolution: "bundler", strict: true, noEmit: true },
      include: ["packages/*/src/**/*.ts"],
    }),
  );
  writeFileSync(
    join(root, "packages/a/src/lib.ts"),
    "export function used(): number { return 1; }\nexport function unused(): number { return 2; }\nexport const alsoUnused = 3;\nexport interface Shape { n: number }\nexport const viaType = 4;\n",
  );
  writeFileSync(
    join(root, "packages/a/src/main.ts"),
    'import { used } from "./lib";\nexport type V = typeof import("./lib").viaType;\nused();\n',
  );
  writeFileSync(join(root, "scripts/dead-exports.baseline"), `# debt\n${baseline.join("\n")}\n`);
  return root;
}

const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(repoRoot, "scripts/dead-exports.mjs"), "--root", root, ...args], {
    encoding: "utf8",
  });

describe("dead-exports", () => {
  it("lists exported values no other file imports (types and import() types aside)", () => {
    const r = run(tree([]), "--list");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n").sort()).toEqual([
      "packages/a/src/lib.ts#alsoUnused",
      "packages/a/src/lib.ts#unused",
    ]);
  });

  it("fails on a dead export the baseline does not list", () => {
    const r = run(tree(["packages/a/src/lib.ts#unused"]));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("packages/a/src/lib.ts#alsoUnused: exported but no other file imports it");
  });

  it("fails on a baseline line that is no longer dead, and passes when the two agree", () => {
    const stale = run(
      tree(["packages/a/src/lib.ts#unused", "packages/a/src/lib.ts#alsoUnused", "packages/a/src/lib.ts#used"]),
    );
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("packages/a/src/lib.ts#used: no longer a dead export");
    expect(run(tree(["packages/a/src/lib.ts#unused", "packages/a/src/lib.ts#alsoUnused"])).status).toBe(0);
  });
});
