/**
 * Issue 14, linter conventions: `--quiet` (errors only, as ESLint), `--color` / `--no-color`
 * and FORCE_COLOR / NO_COLOR, the nearest `.emqx-acl.json` (as ESLint and ruff find theirs),
 * through the built CLI.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useColor } from "../packages/cli/src/color";
import { cliBin } from "./support/cli";

let work: string;
const lint = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [cliBin, "lint", "--dialect", "v5", ...args], { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } });
  return { code: r.status, stdout: r.stdout };
};
/** lint without --dialect: the settings file decides. */
const lintAs = (args: string[]) => {
  const r = spawnSync(process.execPath, [cliBin, "lint", ...args], { cwd: work, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "emqx-acl-conv-"));
  // a warning (regex-unanchored) and an error (EMQX 5 refuses pubsub)
  writeFileSync(join(work, "warn.conf"), '{allow, {username, {re, "ad[m]+"}}, publish, ["t"]}.\n{deny, all}.\n');
  writeFileSync(join(work, "error.conf"), '{allow, all, pubsub, ["t"]}.\n{deny, all}.\n');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("lint --quiet", () => {
  it("shows and counts errors only", () => {
    const w = lint(["--quiet", "--max-warnings", "0", "warn.conf"]);
    expect(w.code).toBe(0);
    expect(w.stdout).toContain("no problems");
    const e = lint(["--quiet", "error.conf", "warn.conf"]);
    expect(e.code).toBe(1);
    expect(e.stdout).toMatch(/1 problem \(1 error, 0 warnings, 0 infos\)/);
    expect(e.stdout).not.toContain("regex-unanchored");
    expect(lint(["warn.conf"]).stdout).toContain("regex-unanchored");
  });
});

describe("colour", () => {
  it("--color and FORCE_COLOR colour a pipe; --no-color and NO_COLOR never colour", () => {
    expect(lint(["--color", "warn.conf"]).stdout).toContain("\u001b[");
    expect(lint(["warn.conf"], { FORCE_COLOR: "1" }).stdout).toContain("\u001b[");
    expect(lint(["warn.conf"]).stdout).not.toContain("\u001b[");
    expect(lint(["--no-color", "warn.conf"], { FORCE_COLOR: "1" }).stdout).not.toContain("\u001b[");
  });
  it("decides in this order: flag, FORCE_COLOR, NO_COLOR, terminal", () => {
    expect(useColor({ isTTY: true }, { NO_COLOR: "1" }, true)).toBe(true);
    expect(useColor({ isTTY: true }, {}, false)).toBe(false);
    expect(useColor({ isTTY: false }, { FORCE_COLOR: "0" })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(useColor({ isTTY: true }, {})).toBe(true);
  });
});

describe("settings file discovery", () => {
  const v4Rule = '{allow, {user, "dashboard"}, pubsub, ["$SYS/#"]}.\n{deny, all}.\n';
  beforeAll(() => {
    mkdirSync(join(work, "v5proj", "sub"), { recursive: true });
    writeFileSync(join(work, "v5proj", ".emqx-acl.json"), JSON.stringify({ dialect: "v5" }));
    writeFileSync(join(work, "v5proj", "sub", "acl.conf"), v4Rule);
    writeFileSync(join(work, "v4.json"), JSON.stringify({ dialect: "v4" }));
    mkdirSync(join(work, "broken"));
    writeFileSync(join(work, "broken", ".emqx-acl.json"), '{\n  "dialect": "v5",\n  "engine": "v4"\n}');
    writeFileSync(join(work, "broken", "acl.conf"), v4Rule);
  });

  it("a v4 pubsub file under a directory whose .emqx-acl.json says EMQX 5 fails without --config", () => {
    const r = lintAs(["--format", "json", "v5proj/sub/acl.conf"]);
    expect(r.code).toBe(1);
    const file = JSON.parse(r.stdout).files[0];
    expect(file.dialect).toBe("v5");
    expect(file.diagnostics.map((d: { id: string }) => d.id)).toContain("schema-invalid-action");
  });

  it("--no-config skips discovery; an explicit --config wins; --dialect wins over both", () => {
    expect(JSON.parse(lintAs(["--format", "json", "--no-config", "v5proj/sub/acl.conf"]).stdout).files[0].dialect).toBe("v4");
    expect(lintAs(["--config", "v4.json", "v5proj/sub/acl.conf"]).code).toBe(0);
    expect(lintAs(["--dialect", "v4", "v5proj/sub/acl.conf"]).code).toBe(0);
  });

  it("a discovered file with a mistake is a one-line usage error with file:line:col, and no report", () => {
    const r = lintAs(["broken/acl.conf"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe(`emqx-acl: ${join(work, "broken", ".emqx-acl.json")}:3:3: unknown key 'engine' (expected dialect, rules or $schema)`);
  });
});
