/**
 * Issue 14: the SARIF that lint, audit and diff write is what GitHub code scanning accepts,
 * as judged by Microsoft's SARIF validator (`sarif-multitool validate`) with GitHub's rules
 * (`Gh`: fullDescription and help on every rule, …) and the SARIF schema and best-practice
 * rules (`Sarif`): no error or warning may be reported (notes are style advice).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

// the npm package's main export is the path of the platform's self-contained binary
const multitool = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
const work = mkdtempSync(join(tmpdir(), "emqx-acl-sarif-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Problem {
  ruleId: string;
  level: string;
  message: unknown;
}

/** The validator's errors and warnings about a SARIF log (its own output is a SARIF log). */
function validatorProblems(name: string, sarif: string): Problem[] {
  const input = join(work, `${name}.sarif`);
  const output = join(work, `${name}.validation.sarif`);
  writeFileSync(input, sarif);
  // no shell: the rule kinds are separated by ';'
  const r = spawnSync(
    multitool,
    ["validate", input, "--rule-kind", "Gh;Sarif", "--level", "Error;Warning", "-o", output, "--log", "ForceOverwrite"],
    { encoding: "utf8" },
  );
  expect(r.error, String(r.error)).toBeUndefined();
  expect(r.status, r.stdout + r.stderr).toBe(0);
  const log = JSON.parse(readFileSync(output, "utf8"));
  expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
  return log.runs[0].results.map((x: Problem) => ({ ruleId: x.ruleId, level: x.level, message: x.message }));
}

function cliSarif(args: string[], expectedCode: number): string {
  const r = runBuiltCli(args, { cwd: repoRoot });
  expect(r.code, r.stderr).toBe(expectedCode);
  const log = JSON.parse(r.stdout);
  expect(log.runs[0].results.length).toBeGreaterThan(0);
  return r.stdout;
}

describe("sarif-multitool validate --rule-kind Gh;Sarif", () => {
  it("reports a log whose rules lack help (the check is live)", () => {
    const log = JSON.parse(
      cliSarif(["lint", "--dialect", "v5", "--format", "sarif", "examples/v5-default.acl.conf"], 0),
    );
    delete log.runs[0].tool.driver.rules[0].help;
    expect(validatorProblems("no-help", JSON.stringify(log)).map((p) => p.ruleId)).toContain("GH2012");
  });

  it("accepts lint's SARIF of the bundled examples (related locations, load errors, v4 and v6)", () => {
    const sarif = cliSarif(
      [
        "lint",
        "--format",
        "sarif",
        "examples/v5-default.acl.conf",
        "examples/v5-multi-tenant.acl.conf",
        "examples/v5-iot-fleet.acl.conf",
        "examples/invalid/v4-in-v5.acl.conf",
        "examples/invalid/rule-unreachable.acl.conf",
        "examples/invalid/missing-dot.acl.conf",
        "examples/v4-per-user.acl.conf",
        "examples/v6-default.acl.conf",
      ],
      1,
    );
    expect(
      JSON.parse(sarif).runs[0].results.some(
        (r: { relatedLocations?: unknown[] }) => (r.relatedLocations ?? []).length > 0,
      ),
    ).toBe(true);
    expect(validatorProblems("lint", sarif)).toEqual([]);
  });

  it("accepts audit's SARIF of an insecure emqx.conf", () => {
    const sarif = cliSarif(["audit", "--format", "sarif", "examples/emqx-conf/v5-insecure/etc/emqx.conf"], 1);
    expect(validatorProblems("audit", sarif)).toEqual([]);
  });

  it("accepts diff's SARIF (the no-new-access gate)", () => {
    const sarif = cliSarif(
      ["diff", "--engine", "v5", "--format", "sarif", "examples/gate/before.acl.conf", "examples/gate/after.acl.conf"],
      1,
    );
    expect(validatorProblems("diff", sarif)).toEqual([]);
  });
});
