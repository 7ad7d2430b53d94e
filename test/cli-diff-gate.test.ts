/**
 * `emqx-acl diff` as a no-new-access gate, end to end through the built CLI: --baseline in a
 * temporary git repository, --accept, the sarif and markdown formats, and the one-line errors.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateSarif } from "../packages/cli/src/reporters/sarif-schema.test-support";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const BASE =
  '{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.\n{allow, all, publish, ["public/#"]}.\n{deny, all}.\n';
// adds access (guests publish to cmd/#) and removes some (the dashboard loses $SYS)
const CHANGED =
  '{allow, all, publish, ["public/#"]}.\n{allow, {username, "guest"}, publish, ["cmd/#"]}.\n{deny, all}.\n';

const repo = mkdtempSync(join(tmpdir(), "emqx-acl-gate-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", ...args], {
    cwd: repo,
    stdio: "pipe",
  });
git("init", "-q", "-b", "main");
mkdirSync(join(repo, "etc"));
writeFileSync(join(repo, "etc", "acl.conf"), BASE);
git("add", ".");
git("commit", "-q", "-m", "baseline");
writeFileSync(join(repo, "etc", "acl.conf"), CHANGED);
const accept = (name: string, text: string) => (writeFileSync(join(repo, name), text), name);
const diff = (...args: string[]) => runBuiltCli(["diff", "--engine", "v5", ...args], { cwd: repo });

describe("emqx-acl diff --baseline", () => {
  it("compares the file with its committed version and fails on the newly allowed access", () => {
    const r = diff("--baseline", "HEAD", "etc/acl.conf");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("HEAD:etc/acl.conf → etc/acl.conf (EMQX v5):");
    expect(r.stdout).toMatch(
      /NEWLY ALLOWED \(1 class\):\n {2}deny \(rule 3, line 3\) → allow \(rule 2, line 2\): e\.g\. publish "cmd" qos 0 by username "guest"/,
    );
    expect(r.stdout).toMatch(
      /newly denied or no longer allowed \(1 class\):\n {2}allow \(rule 1, line 1\) → deny \(rule 3, line 3\): e\.g\. subscribe "\$SYS"/,
    );
  });

  it("finds the path relative to the repository root from a subdirectory", () => {
    const r = runBuiltCli(["diff", "--engine", "v5", "--baseline", "main", "acl.conf", "--format", "json"], {
      cwd: join(repo, "etc"),
    });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ old: "main:etc/acl.conf", new: "acl.conf", unaccepted: 1 });
  });

  it("passes (exit 0) when the accepted-changes file covers the new access; newly denied access does not fail", () => {
    const f = accept(
      "ok.yaml",
      'accept:\n  - who: {username: guest}\n    action: publish\n    topic: "cmd/#"\n    reason: guests send commands\n',
    );
    const r = diff("--baseline", "HEAD", "--accept", f, "--format", "json", "etc/acl.conf");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.newlyAllowed[0].accepted).toEqual({ entry: 1, reason: "guests send commands", at: "ok.yaml:2:5" });
    expect(j.newlyDenied).toHaveLength(1);
  });

  it("names accepted-changes entries that accept nothing (stale), without failing", () => {
    const f = accept(
      "stale.yaml",
      "accept:\n  - line: 2\n    reason: guests send commands\n  - rule: 7\n    reason: removed since\n",
    );
    const r = diff("--baseline", "HEAD", "--accept", f, "etc/acl.conf");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("[accepted by entry 1: guests send commands]");
    expect(r.stdout).toMatch(
      /0 newly allowed classes not accepted\nstale\.yaml:4:5: accept entry 2 accepts nothing in this change\n$/,
    );
  });

  it("still fails when the accepted region is narrower than the new access", () => {
    const f = accept(
      "narrow.yaml",
      'accept:\n  - who: {username: guest}\n    topic: "cmd/reboot"\n    reason: one command\n',
    );
    const r = diff("--baseline", "HEAD", "--accept", f, "--format", "json", "etc/acl.conf");
    expect(r.code).toBe(1);
    const w = JSON.parse(r.stdout).newlyAllowed[0];
    expect(w.accepted).toBeNull();
    expect(w.witness.topic).not.toBe("cmd/reboot");
  });

  it("markdown: a summary with counts and the newly allowed and denied classes", () => {
    const r = diff("--baseline", "HEAD", "--format", "markdown", "etc/acl.conf");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("### emqx-acl: access changes in `etc/acl.conf`");
    expect(r.stdout).toContain("| 1 | 1 | 1 | 0 |");
    expect(r.stdout).toMatch(
      /\| ❌ \| publish "cmd" qos 0 \| username "guest".* \| deny \(rule 3, line 3\) \| allow \(rule 2, line 2\) \| \*\*not accepted\*\* \|/,
    );
  });

  it("sarif: a valid log whose result points at the new rule", () => {
    const r = diff("--baseline", "HEAD", "--format", "sarif", "etc/acl.conf");
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.runs[0].results).toHaveLength(1);
    expect(log.runs[0].results[0].locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: "etc/acl.conf" },
      region: { startLine: 2 },
    });
  });

  it.each([
    [
      "an unknown ref",
      ["--baseline", "nope", "etc/acl.conf"],
      /^emqx-acl: --baseline: unknown git ref 'nope' in .*\n$/,
    ],
    [
      "a file absent at the ref",
      ["--baseline", "HEAD", "ok.yaml"],
      /^emqx-acl: --baseline: 'ok\.yaml' does not exist at HEAD \([0-9a-f]{12}\)\n$/,
    ],
    [
      "two files and --baseline",
      ["--baseline", "HEAD", "etc/acl.conf", "etc/acl.conf"],
      /^emqx-acl: with --baseline give one file/,
    ],
    [
      "one file without --baseline",
      ["etc/acl.conf"],
      /^emqx-acl: give two files \(OLD NEW\), or one file with --baseline REF\n$/,
    ],
  ])("exit 2 with one line for %s", (_what, args, message) => {
    accept("ok.yaml", "accept: []\n");
    const r = diff(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("exit 2 with file:line:col for a mistake in the accepted-changes file", () => {
    const f = accept("bad.yaml", "accept:\n  - topic: a\n    action: pubsub\n    reason: r\n");
    const r = diff("--baseline", "HEAD", "--accept", f, "etc/acl.conf");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("emqx-acl: bad.yaml:3:13: accept entry 1: action must be publish, subscribe or all\n");
  });

  it("exit 2 outside a git repository", () => {
    const outside = mkdtempSync(join(tmpdir(), "emqx-acl-nogit-"));
    try {
      writeFileSync(join(outside, "acl.conf"), BASE);
      const r = runBuiltCli(["diff", "--engine", "v5", "--baseline", "HEAD", "acl.conf"], { cwd: outside });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe("emqx-acl: --baseline: 'acl.conf' is not inside a git repository\n");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe("examples/gate", () => {
  it("accept.yaml accepts rules 3 and 4 of after.acl.conf; the gate fails on rule 5 only", () => {
    const r = runBuiltCli(
      [
        "diff",
        "--engine",
        "v5",
        "--format",
        "json",
        "--accept",
        "examples/gate/accept.yaml",
        "examples/gate/before.acl.conf",
        "examples/gate/after.acl.conf",
      ],
      { cwd: repoRoot },
    );
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    const byRule = Object.fromEntries(
      j.newlyAllowed.map((c: { to: { rule: number }; accepted: { entry: number } | null }) => [
        c.to.rule,
        c.accepted?.entry ?? null,
      ]),
    );
    expect(byRule).toEqual({ 3: 1, 4: 2, 5: null });
    expect(j.unaccepted).toBe(1);
  });
});
