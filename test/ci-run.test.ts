/**
 * .ci/run with a stand-in npm and .ci/setup (a copy of .ci/run in a scratch tree): it runs the
 * setup, then the README's `npm test`, then lint, and fails when any of them does.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/shared";

/** Runs a copy of .ci/run whose setup and npm log their arguments and exit with the given codes. */
function ciRun(testExit: number, lintExit: number, setupExit = 0): { status: number | null; calls: string[] } {
  const root = mkdtempSync(join(tmpdir(), "ci-run-"));
  const bin = join(root, "bin");
  const log = join(root, "calls.log");
  mkdirSync(bin);
  mkdirSync(join(root, ".ci"));
  copyFileSync(join(repoRoot, ".ci/run"), join(root, ".ci/run"));
  writeFileSync(join(root, ".ci/setup"), `echo setup >> "${log}"\nexit ${setupExit}\n`);
  writeFileSync(
    join(bin, "npm"),
    `#!/bin/sh\necho "$*" >> "${log}"\ncase "$*" in\n  test) exit ${testExit} ;;\n  "run lint:code") exit ${lintExit} ;;\n  *) echo 10.0.0 ;;\nesac\n`,
  );
  chmodSync(join(bin, "npm"), 0o755);
  writeFileSync(log, "");
  const r = spawnSync("bash", [join(root, ".ci/run")], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    encoding: "utf8",
  });
  return {
    status: r.status,
    calls: readFileSync(log, "utf8")
      .split("\n")
      .filter((l) => l && l !== "--version"),
  };
}

describe(".ci/run", () => {
  it("runs the setup, the README's test command, then lint:code, and passes when all pass", () => {
    expect(ciRun(0, 0)).toEqual({ status: 0, calls: ["setup", "test", "run lint:code"] });
  });
  it("fails when the tests fail, still running lint", () => {
    expect(ciRun(1, 0)).toEqual({ status: 1, calls: ["setup", "test", "run lint:code"] });
  });
  it("fails when lint fails", () => {
    expect(ciRun(0, 2).status).toBe(2);
  });
  it("fails when the setup fails, still running the tests and lint", () => {
    expect(ciRun(0, 0, 3)).toEqual({ status: 3, calls: ["setup", "test", "run lint:code"] });
  });
});
