/**
 * `emqx-acl audit` over hostile HOCON, as users run it (the built bundle, with a timeout a
 * hang cannot escape): substitution bombs, 100k nested braces, a 2,600-segment key path and
 * a long substitution chain each end within seconds with one clear error at file:line:col,
 * exit 1 (errors found, like a syntax error), and nothing on stderr: no stack trace.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./support/shared";

const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");
const work = mkdtempSync(join(tmpdir(), "emqx-acl-hostile-hocon-"));

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

function bomb(base: string, wrap: (refs: string) => string): string {
  const lines = [`v0 = ${base}`];
  for (let i = 1; i < 12; i++)
    lines.push(
      `v${i} = ${wrap(
        Array(10)
          .fill(`\${v${i - 1}}`)
          .join(","),
      )}`,
    );
  return `${lines.join("\n")}\n`;
}

const CASES: Record<string, { text: string; expect: RegExp }> = {
  "array bomb": {
    text: bomb("[x,x,x,x,x,x,x,x,x,x]", (r) => `[${r}]`),
    expect: /^bomb\.conf:\d+:\d+ +error +substitutions expand to more than 200000 values.* hocon-expansion-limit$/m,
  },
  "text bomb": {
    text: bomb('"xxxxxxxxxx"', (r) => r.replaceAll(",", "")),
    expect: /^bomb\.conf:\d+:\d+ +error +substitutions expand to more than .* hocon-expansion-limit$/m,
  },
  "object bomb": {
    text: bomb(
      "{a=1,b=2,c=3}",
      (r) =>
        `{${r
          .split(",")
          .map((x, i) => `k${i}=${x}`)
          .join(",")}}`,
    ),
    expect: /hocon-expansion-limit$/m,
  },
  "100k nested braces": {
    text: `a = ${"{".repeat(100_000)}${"}".repeat(100_000)}\n`,
    expect: /^bomb\.conf:1:261 +error +objects and arrays nest deeper than 256 levels here +hocon-too-deep$/m,
  },
  "2,600-segment key path": {
    text: `${Array(2600).fill("k").join(".")} = 1\n`,
    expect:
      /^bomb\.conf:1:1 +error +this key path nests 2600 levels deep, more than 256; it was not read +hocon-too-deep$/m,
  },
  "20,000-link substitution chain": {
    text: `${Array.from({ length: 20_000 }, (_, i) => `a${i} = \${a${i + 1}}`).join("\n")}\na20000 = 1\n`,
    expect:
      /^bomb\.conf:\d+:\d+ +error +values and substitutions nest deeper than 256 levels \(first here\).* hocon-too-deep$/m,
  },
};

describe("audit over hostile HOCON", () => {
  it.each(Object.keys(CASES))("%s: a clear error in bounded time, exit 1, no stack trace", (name) => {
    const dir = mkdtempSync(join(work, "case-"));
    writeFileSync(join(dir, "bomb.conf"), CASES[name].text);
    const started = Date.now();
    const r = spawnSync(process.execPath, [bin, "audit", "--emqx", "5", "bomb.conf"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 30_000,
    });
    expect(r.signal, "killed by the timeout: it hung").toBeNull();
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(CASES[name].expect);
  });
});
