/**
 * The composite action (action.yml) run as the GitHub runner runs it (test/support/
 * composite-action.ts) on a pull request in a temporary git repository: a baseline commit on
 * main and a change that adds access. Lint and the tests pass; the gate fails until an
 * accepted-changes file covers the new access. Asserts the exit status, the `result` output
 * and the step summary.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateSarif } from "../packages/cli/src/reporters/sarif-schema.test-support";
import { readAction, runCompositeAction } from "./support/composite-action";

const BASE =
  '{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.\n{allow, all, publish, ["public/#"]}.\n{deny, all}.\n';
const CHANGED =
  '{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.\n{allow, all, publish, ["public/#"]}.\n{allow, {username, "guest"}, publish, ["cmd/#"]}.\n{deny, all}.\n';
const TESTS = [
  "cases:",
  "  - client: {username: dashboard}",
  "    subscribe: $SYS/brokers",
  "    expect: allow",
  "  - client: {username: guest}",
  "    publish: cmd/reboot",
  "    expect: allow",
  "  - client: {username: guest}",
  '    subscribe: "$SYS/#"',
  "    expect: deny",
  "",
].join("\n");

const ws = mkdtempSync(join(tmpdir(), "emqx-acl-action-"));
afterAll(() => rmSync(ws, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", ...args], {
    cwd: ws,
    stdio: "pipe",
  });
git("init", "-q", "-b", "main");
mkdirSync(join(ws, "etc"));
mkdirSync(join(ws, "acl-tests"));
writeFileSync(join(ws, "etc", "acl.conf"), BASE);
git("add", ".");
git("commit", "-q", "-m", "baseline");
// what actions/checkout with fetch-depth 0 gives a pull request: the base branch as origin/main
git("update-ref", "refs/remotes/origin/main", "HEAD");
git("checkout", "-q", "-b", "feature");
writeFileSync(join(ws, "etc", "acl.conf"), CHANGED);
writeFileSync(join(ws, "acl-tests", "guest.yaml"), TESTS);
git("add", ".");
git("commit", "-q", "-m", "guests send commands");

const inputs = { paths: "etc/acl.conf", "emqx-version": "v5", tests: "acl-tests/*.yaml" };
const pullRequest = { GITHUB_BASE_REF: "main", GITHUB_HEAD_REF: "feature" };

describe("action.yml", () => {
  it("is a composite action of bash steps with the inputs the README names", () => {
    const a = readAction();
    expect(a.runs.using).toBe("composite");
    expect(Object.keys(a.inputs)).toEqual(["paths", "emqx-version", "tests", "baseline", "accept", "sarif-dir"]);
  });

  it("fails a pull request that newly allows access, with the classes in the step summary", () => {
    const r = runCompositeAction(ws, inputs, pullRequest);
    expect(r.steps.map((s) => [s.name, s.code])).toEqual([
      ["Build emqx-acl", 0],
      ["Lint", 0],
      ["Authorization tests", 0],
      ["No-new-access gate", 0],
      ["Verdict", 1],
    ]);
    expect(r.code).toBe(1);
    expect(r.outputs.result).toBe("fail");
    expect(r.steps[4].stdout).toContain("emqx-acl failed: gate");
    expect(r.summary).toContain("### emqx-acl lint\n\n✅ 1 file(s): no errors");
    expect(r.summary).toContain("### emqx-acl test `etc/acl.conf`\n\n✅ every case passed");
    expect(r.summary).toContain(
      "Compared with `origin/main:etc/acl.conf` for EMQX v5. ❌ **1 class of requests newly allowed and not accepted**",
    );
    expect(r.summary).toMatch(
      /\| ❌ \| publish "cmd" qos 0 \| username "guest".* \| deny \(rule 3, line 3\) \| allow \(rule 3, line 3\) \| \*\*not accepted\*\* \|/,
    );
  });

  it("passes when the accepted-changes file covers the new access, and writes the gate's SARIF", () => {
    writeFileSync(
      join(ws, "acl-accept.yaml"),
      'accept:\n  - who: {username: guest}\n    action: publish\n    topic: "cmd/#"\n    reason: "CHG-7: guests send commands"\n',
    );
    const r = runCompositeAction(ws, { ...inputs, accept: "acl-accept.yaml", "sarif-dir": "sarif" }, pullRequest);
    expect(r.steps.map((s) => s.code)).toEqual([0, 0, 0, 0, 0]);
    expect(r.code).toBe(0);
    expect(r.outputs.result).toBe("pass");
    expect(r.summary).toContain("✅ every newly allowed request is accepted");
    expect(r.summary).toContain("accepted: CHG-7: guests send commands");
    const sarif = JSON.parse(readFileSync(join(ws, "sarif", "emqx-acl-gate-1.sarif"), "utf8"));
    expect(validateSarif(sarif)).toBe(true);
    expect(sarif.runs[0].results[0].suppressions[0].justification).toBe("CHG-7: guests send commands");
  });

  it("fails on a failing test case and says which check failed", () => {
    writeFileSync(
      join(ws, "acl-tests", "strict.yaml"),
      "cases:\n  - client: {username: guest}\n    publish: cmd/reboot\n    expect: deny\n",
    );
    try {
      const r = runCompositeAction(ws, { ...inputs, baseline: "main", accept: "acl-accept.yaml" });
      expect(r.code).toBe(1);
      expect(r.steps[2].stdout).toMatch(/::error file=acl-tests\/strict\.yaml,line=2/);
      expect(r.steps[4].stdout).toContain("emqx-acl failed: test");
      expect(r.summary).toContain("### emqx-acl test `etc/acl.conf`\n\n❌ exit 1");
    } finally {
      rmSync(join(ws, "acl-tests", "strict.yaml"));
    }
  });

  it("skips the gate outside pull requests when no baseline is given", () => {
    const r = runCompositeAction(ws, { paths: "etc/acl.conf" });
    expect(r.code).toBe(0);
    expect(r.summary).toContain("no baseline ref (not a pull request): gate skipped");
    expect(existsSync(join(ws, "etc", "acl.conf"))).toBe(true);
  });
});
