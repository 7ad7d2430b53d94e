/**
 * `pnpm new-rule` into a temporary copy of the packages: the scaffolds are registered, and
 * once a check is written into them they typecheck and pass their own tests and the
 * catalogue's (registry, examples, audit metadata). The real tree is never written.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/shared";

let tmp: string;
const scaffold = (...args: string[]) =>
  execFileSync(process.execPath, [join(repoRoot, "scripts/new-rule.mjs"), ...args, "--root", tmp], {
    encoding: "utf8",
  });

/** Replaces the scaffold's empty check with a real one. */
function writeCheck(path: string, check: string): void {
  const text = readFileSync(path, "utf8");
  expect(text).toContain("    void ctx;\n");
  writeFileSync(path, text.replace(/    void ctx;\n(    return \[\];\n)?/, check));
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "emqx-acl-new-rule-"));
  // package sources with pnpm's relative workspace links; the root's dependencies shared
  cpSync(join(repoRoot, "packages"), join(tmp, "packages"), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => !/[/\\](dist|vscode)$/.test(src),
  });
  cpSync(join(repoRoot, "examples"), join(tmp, "examples"), { recursive: true });
  cpSync(join(repoRoot, "test/support"), join(tmp, "test/support"), { recursive: true });
  for (const f of ["tsconfig.base.json", "vitest.config.ts", "package.json", ".prettierrc.json"])
    cpSync(join(repoRoot, f), join(tmp, f));
  symlinkSync(join(repoRoot, "node_modules"), join(tmp, "node_modules"));
  writeFileSync(
    join(tmp, "tsconfig.json"),
    JSON.stringify({
      extends: "./tsconfig.base.json",
      include: ["packages/analysis/src/**/*.ts", "packages/audit/src/**/*.ts"],
    }),
  );
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("pnpm new-rule", () => {
  it("writes a lint rule, its test, its example and its registry line", () => {
    const out = scaffold("demo-rule", "--kind", "lint");
    expect(out).toContain("wrote");
    const registry = readFileSync(join(tmp, "packages/analysis/src/rules/registry.ts"), "utf8");
    expect(registry).toContain('import { rule as demoRule } from "./demo-rule";');
    expect(registry).toMatch(/ {2}demoRule,\n {2}analysisIncomplete,/);
    expect(readFileSync(join(tmp, "examples/invalid/demo-rule.acl.conf"), "utf8")).toContain("demo-rule/bad");
    // the scaffolds and the registry are written as the formatter check in .ci/run wants them
    const written = [...out.matchAll(/^wrote (.*\.ts)$/gm)].map((m) => m[1]);
    expect(written).toHaveLength(3);
    const check = spawnSync(join(repoRoot, "node_modules/.bin/prettier"), ["--check", ...written], {
      cwd: tmp,
      encoding: "utf8",
    });
    expect(check.stdout + check.stderr).toContain("All matched files use Prettier code style!");
  });

  it("writes an audit rule, its test and its registry line", () => {
    scaffold("demo-setting", "--kind", "audit");
    const index = readFileSync(join(tmp, "packages/audit/src/rules/index.ts"), "utf8");
    expect(index).toContain('import { demoSetting } from "./demo-setting";');
    expect(index).toMatch(/ {2}demoSetting,\n\];/);
  });

  it("refuses an id that exists or is not kebab-case, and an unknown kind", () => {
    expect(() => scaffold("demo-rule", "--kind", "lint")).toThrow(/exists already/);
    expect(() => scaffold("Demo", "--kind", "lint")).toThrow(/kebab-case/);
    expect(() => scaffold("demo-other", "--kind", "emqx")).toThrow(/lint or audit/);
  });

  it("with a check written, the scaffolds typecheck and pass their tests and the catalogue's", () => {
    writeCheck(
      join(tmp, "packages/analysis/src/rules/demo-rule.ts"),
      '    for (const r of ctx.rules) if (r.topics.kind === "list" && r.topics.items.some((t) => "text" in t && t.text.endsWith("/bad"))) out.push({ message: "bad", start: r.start, end: r.end, term: r.index });\n',
    );
    writeCheck(
      join(tmp, "packages/audit/src/rules/demo-setting.ts"),
      '    const s = ctx.get("node.cookie");\n    return s && s.value.endsWith("-bad") ? [{ id: this.id, loc: s.loc, message: "bad" }] : [];\n',
    );
    const tsc = spawnSync(join(repoRoot, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], {
      cwd: tmp,
      encoding: "utf8",
    });
    expect(tsc.stdout + tsc.stderr).toBe("");
    const tests = [
      "packages/analysis/src/rules/demo-rule.test.ts",
      "packages/analysis/src/rules/catalog.test.ts",
      "packages/analysis/src/rules/examples.test.ts",
      "packages/audit/src/rules/demo-setting.test.ts",
      "packages/audit/src/rules/rules.test.ts",
    ];
    const out = execFileSync(
      join(repoRoot, "node_modules/.bin/vitest"),
      ["run", ...tests, "-t", "demo|registers every rule|has unique"],
      { cwd: tmp, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    expect(out).toMatch(/Test Files {2}5 passed/);
  }, 240_000);
});
