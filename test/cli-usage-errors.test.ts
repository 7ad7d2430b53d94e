/**
 * Usage errors through the built CLI, for every command: one line on stderr,
 * `emqx-acl: error: <what>; try 'emqx-acl <command> --help'`, nothing on stdout, exit 2
 * (the README's promise; the whole help after an error hid the one line that mattered).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { allCommands } from "../packages/cli/src/all-commands";
import { buildProgram } from "../packages/cli/src/program";
import { repoRoot } from "./support/shared";

const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");
const run = (args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: repoRoot, input: "" });
const commandNames = buildProgram(allCommands).commands.map((c) => c.name());

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

function expectUsageLine(r: ReturnType<typeof run>, what: RegExp, command: string): void {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  const lines = r.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(what);
  expect(lines[0].endsWith(`; try '${command} --help'`)).toBe(true);
  expect(r.stderr).not.toMatch(/Usage:/);
}

describe("usage errors are one line, exit 2", () => {
  it("covers every command", () => expect(commandNames.length).toBeGreaterThanOrEqual(13));

  for (const name of commandNames) {
    it(`${name}: an unknown option`, () => {
      // commander reports a missing mandatory option before an unknown one
      const what = /^emqx-acl: error: (unknown option '--no-such-option'|required option '[^']+' not specified)/;
      expectUsageLine(run([name, "--no-such-option"]), what, `emqx-acl ${name}`);
    });
  }

  it("analyze without its mandatory --emqx", () => {
    expectUsageLine(
      run(["analyze", "acl.conf"]),
      /^emqx-acl: error: required option '--emqx <version>' not specified/,
      "emqx-acl analyze",
    );
  });

  it("a missing argument, an invalid choice and a misspelt option (its suggestion on the same line)", () => {
    expectUsageLine(run(["fmt"]), /^emqx-acl: error: missing required argument 'files'/, "emqx-acl fmt");
    expectUsageLine(
      run(["compile", "x.conf", "--to", "nope", "--emqx", "5"]),
      /^emqx-acl: error: option '--to <target>' argument 'nope' is invalid/,
      "emqx-acl compile",
    );
    expectUsageLine(
      run(["lint", "--formt", "json", "x.conf"]),
      /^emqx-acl: error: unknown option '--formt' \(Did you mean --format\?\)/,
      "emqx-acl lint",
    );
  });

  it("an unknown command points at the top-level help", () => {
    expectUsageLine(run(["frobnicate"]), /^emqx-acl: error: unknown command 'frobnicate'/, "emqx-acl");
  });

  it("--help still prints the help, exit 0", () => {
    const r = run(["analyze", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: emqx-acl analyze/);
  });
});
