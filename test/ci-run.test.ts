/** .ci/run with a stand-in npm: it runs the README's `npm test`, then lint, and fails when either does. */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/shared";

/** Runs .ci/run with an npm that logs its arguments and exits with the given codes. */
function ciRun(testExit: number, lintExit: number): { status: number | null; calls: string[] } {
  const bin = mkdtempSync(join(tmpdir(), "ci-run-"));
  const log = join(bin, "calls.log");
  writeFileSync(
    join(bin, "npm"),
    `#!/bin/sh\necho "$*" >> "${log}"\ncase "$*" in\n  test) exit ${testExit} ;;\n  "run lint:code") exit ${lintExit} ;;\n  *) echo 10.0.0 ;;\nesac\n`,
  );
  chmodSync(join(bin, "npm"), 0o755);
  writeFileSync(log, "");
  const r = spawnSync("bash", [join(repoRoot, ".ci/run")], {
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
  it("runs the README's test command, then lint:code, and passes when both pass", () => {
    expect(ciRun(0, 0)).toEqual({ status: 0, calls: ["test", "run lint:code"] });
  });
  it("fails when the tests fail, still running lint", () => {
    expect(ciRun(1, 0)).toEqual({ status: 1, calls: ["test", "run lint:code"] });
  });
  it("fails when lint fails", () => {
    expect(ciRun(0, 2).status).toBe(2);
  });
});
