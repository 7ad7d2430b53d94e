/**
 * Issue 14: one EMQX version option for every command, `--emqx 4|5|6` (or v4|v5|v6), with
 * `--dialect` and `--engine` kept as hidden old names, through the built CLI.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { allCommands } from "../packages/cli/src/all-commands";
import { buildProgram } from "../packages/cli/src/program";
import { cliBin } from "./support/cli";
import { repoRoot } from "./support/shared";

const run = (args: string[]) => {
  const r = spawnSync(process.execPath, [cliBin, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    input: "",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const commandNames = buildProgram(allCommands).commands.map((c) => c.name());

describe("every command has --emqx and its old names", () => {
  it("covers every command", () => expect(commandNames.length).toBeGreaterThanOrEqual(14));

  for (const name of commandNames) {
    it(`${name}: --emqx, --dialect and --engine go through the one version parser`, () => {
      for (const option of ["--emqx", "--dialect", "--engine"]) {
        const r = run([name, option, "7"]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(
          new RegExp(`^emqx-acl: error: option '${option} <version>' argument '7' is invalid\\. expected 4, 5 or 6`),
        );
      }
      expect(run([name, "--help"]).stdout).toMatch(/--emqx <version>/);
    });
  }
});

describe("--emqx decides what the commands do", () => {
  const v4File = "examples/invalid/v4-in-v5.acl.conf";

  it("lint: 5 refuses an EMQX 4 file, v4 accepts it; --dialect still works", () => {
    expect(run(["lint", "--emqx", "5", v4File]).code).toBe(1);
    expect(run(["lint", "--emqx", "v4", v4File]).code).toBe(0);
    expect(run(["lint", "--dialect", "v5", v4File]).code).toBe(1);
  });

  it("analyze, diff and explain take it for --engine; compile takes 5 and v5 alike", () => {
    expect(run(["analyze", "--emqx", "5", "--format", "json", "examples/v5-default.acl.conf"]).stdout).toContain(
      '"engine":"v5"',
    );
    expect(run(["analyze", "--engine", "v5", "--format", "json", "examples/v5-default.acl.conf"]).code).toBe(0);
    expect(
      run(["diff", "--emqx", "5", "--format", "json", "examples/gate/before.acl.conf", "examples/gate/after.acl.conf"])
        .stdout,
    ).toContain('"engine":"v5"');
    expect(run(["explain", "--emqx", "4", "--username", "u", "--publish", "t", v4File]).code).not.toBe(2);
    expect(run(["compile", "--emqx", "v5", "--to", "acl", "examples/v5-default.acl.conf"]).code).toBe(0);
    expect(run(["compile", "--emqx", "5", "--to", "acl", "examples/v5-default.acl.conf"]).stdout).toBe(
      run(["compile", "--emqx", "v5", "--to", "acl", "examples/v5-default.acl.conf"]).stdout,
    );
  });

  it("diff's second version is --emqx-new (--engine-new its old name)", () => {
    for (const option of ["--emqx-new", "--engine-new"])
      expect(run(["diff", option, "7"]).stderr).toMatch(
        new RegExp(`^emqx-acl: error: option '${option} <version>' argument '7' is invalid`),
      );
    expect(run(["diff", "--emqx", "5", "--emqx-new", "6", "a", "b"]).stderr).toMatch(
      /--emqx-new and --emqx-env need --config/,
    );
  });

  it("rules lists only the rules of that version", () => {
    const v4 = run(["rules", "--emqx", "4"]).stdout;
    const v5 = run(["rules", "--emqx", "v5"]).stdout;
    expect(v4).toMatch(/^v5-syntax-in-v4 /m);
    expect(v4).not.toMatch(/^v4-syntax-in-v5 /m);
    expect(v5).toMatch(/^v4-syntax-in-v5 /m);
    expect(v5).not.toMatch(/^v5-syntax-in-v4 /m);
  });

  it("audit takes v5 as 5", () => {
    const json = (emqx: string) =>
      JSON.parse(
        run(["audit", "--format", "json", "--emqx", emqx, "examples/emqx-conf/v5-insecure/etc/emqx.conf"]).stdout,
      ).files[0].dialect;
    expect(json("v5")).toBe("v5");
    expect(json("4")).toBe("v4");
  });
});
