/**
 * Issue 14, linter conventions: `--quiet` (errors only, as ESLint), `--color` / `--no-color`
 * and FORCE_COLOR / NO_COLOR, the nearest `.emqx-acl.json` (as ESLint and ruff find theirs),
 * through the built CLI.
 */
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useColor } from "../packages/cli/src/color";
import { cliBin } from "./support/cli";

let work: string;
const lint = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [cliBin, "lint", "--dialect", "v5", ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
  });
  return { code: r.status, stdout: r.stdout };
};
/** lint without --dialect: the settings file decides. */
const lintAs = (args: string[]) => {
  const r = spawnSync(process.execPath, [cliBin, "lint", ...args], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
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
    expect(JSON.parse(lintAs(["--format", "json", "--no-config", "v5proj/sub/acl.conf"]).stdout).files[0].dialect).toBe(
      "v4",
    );
    expect(lintAs(["--config", "v4.json", "v5proj/sub/acl.conf"]).code).toBe(0);
    expect(lintAs(["--dialect", "v4", "v5proj/sub/acl.conf"]).code).toBe(0);
  });

  it("a discovered file with a mistake is a one-line usage error with file:line:col, and no report", () => {
    const r = lintAs(["broken/acl.conf"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim()).toBe(
      `emqx-acl: ${join(work, "broken", ".emqx-acl.json")}:3:3: unknown key 'engine' (expected dialect, rules or $schema)`,
    );
  });
});

describe("directories, globs and --format compact", () => {
  beforeAll(() => {
    mkdirSync(join(work, "tree", "zones"), { recursive: true });
    writeFileSync(join(work, "tree", "acl.conf"), '{allow, all, pubsub, ["t"]}.\n{deny, all}.\n');
    writeFileSync(
      join(work, "tree", "zones", "a.acl.conf"),
      '{allow, {username, {re, "ad[m]+"}}, publish, ["t"]}.\n{deny, all}.\n',
    );
    // not an acl file: a directory argument leaves it alone
    writeFileSync(join(work, "tree", "emqx.conf"), "node.name = emqx@127.0.0.1\n");
  });

  it("a directory means its acl files, recursively; --format compact is file:line:col: severity id message", () => {
    const r = lint(["--format", "compact", "tree"]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(":")[0])).toEqual(["tree/acl.conf", "tree/zones/a.acl.conf"]);
    expect(lines[0]).toMatch(/^tree\/acl\.conf:1:14: error schema-invalid-action \S/);
    expect(lines[1]).toMatch(/^tree\/zones\/a\.acl\.conf:1:\d+: warning regex-unanchored \S/);
  });

  it("a quoted glob means the files it matches; one that matches nothing is a usage error", () => {
    const r = lint(["--format", "compact", "--quiet", "tree/**/*.acl.conf"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(lint(["--format", "compact", "tree/**/*.acl.conf"]).stdout).toMatch(/^tree\/zones\/a\.acl\.conf:/);
    const none = spawnSync(process.execPath, [cliBin, "lint", "tree/*.yaml"], { cwd: work, encoding: "utf8" });
    expect(none.status).toBe(2);
    expect(none.stderr).toBe("emqx-acl: no files match 'tree/*.yaml'\n");
  });
});

describe("lint --fix", () => {
  const fixable = [
    "%% tenants: keep this header",
    '{allow, {username, {re, "ad[m]+"}}, publish, ["t"]}. % admins publish',
    "%% the same rule again, by mistake",
    '{allow, {username, {re, "ad[m]+"}}, publish, ["t"]}.',
    '{allow, all, subscribe, ["$SYS/#"]}.',
    "{deny, all}. % the end",
    "",
  ].join("\n");
  const FIXABLE_IDS = ["regex-unanchored", "rule-redundant", "rule-unreachable"];
  const ids = (stdout: string) => JSON.parse(stdout).files[0].diagnostics.map((d: { id: string }) => d.id);

  it("applies the safe fixes, keeps the comments and reports what remains", () => {
    mkdirSync(join(work, "fix"), { recursive: true });
    const path = join(work, "fix", "acl.conf");
    writeFileSync(path, fixable);
    chmodSync(path, 0o640);
    expect(ids(lint(["--format", "json", "fix/acl.conf"]).stdout)).toEqual(expect.arrayContaining(FIXABLE_IDS));
    const r = spawnSync(
      process.execPath,
      [cliBin, "lint", "--emqx", "5", "--fix", "--format", "json", "fix/acl.conf"],
      { cwd: work, encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^fix\/acl\.conf: fixed \d+ problems?\n$/);
    // the report is of the fixed file: only what has no safe fix is left
    expect(ids(r.stdout)).toEqual(["sys-topics-exposed"]);
    const after = readFileSync(path, "utf8");
    for (const comment of [
      "%% tenants: keep this header",
      "% admins publish",
      "%% the same rule again, by mistake",
      "% the end",
    ])
      expect(after).toContain(comment);
    expect(after).toContain('{re, "^ad[m]+\\\\z"}');
    // one of the two identical rules is gone, not both
    expect(after.match(/publish, \["t"\]/g)).toHaveLength(1);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(ids(lint(["--format", "json", "fix/acl.conf"]).stdout)).toEqual(["sys-topics-exposed"]);
  });

  it("rewrites the target of a symlink and leaves the link; leaves a read-only file alone (exit 2); refuses stdin", () => {
    mkdirSync(join(work, "fix2"), { recursive: true });
    writeFileSync(join(work, "fix2", "real.conf"), fixable);
    symlinkSync("real.conf", join(work, "fix2", "link.acl.conf"));
    const r = spawnSync(process.execPath, [cliBin, "lint", "--emqx", "5", "--fix", "fix2/link.acl.conf"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(lstatSync(join(work, "fix2", "link.acl.conf")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(work, "fix2", "real.conf"), "utf8")).not.toBe(fixable);

    writeFileSync(join(work, "fix2", "ro.conf"), fixable);
    chmodSync(join(work, "fix2", "ro.conf"), 0o444);
    const ro = spawnSync(process.execPath, [cliBin, "lint", "--emqx", "5", "--fix", "fix2/ro.conf"], {
      cwd: work,
      encoding: "utf8",
    });
    expect(ro.status).toBe(2);
    expect(ro.stderr).toBe("fix2/ro.conf: read-only; not written (--force rewrites it)\n");
    expect(readFileSync(join(work, "fix2", "ro.conf"), "utf8")).toBe(fixable);

    const stdin = spawnSync(process.execPath, [cliBin, "lint", "--fix", "-"], {
      cwd: work,
      encoding: "utf8",
      input: fixable,
    });
    expect(stdin.status).toBe(2);
    expect(stdin.stderr).toBe("emqx-acl: --fix rewrites files; it cannot fix standard input\n");
  });
});
