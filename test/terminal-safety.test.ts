/**
 * Issue 16: strings from a file or a request never reach the terminal raw. An ESC sequence
 * in a username must not clear the screen, move the cursor or fake "0 problems" in the
 * human outputs of lint, explain and analyze (the escapes are shown, not obeyed).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";

const ESC = "\u001b";
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f\u202e]/;

describe("human output shows control characters from the input as escapes", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "emqx-acl-tty-"));
    // a raw ESC and a bidi override inside strings of the file (Erlang keeps them as they are)
    // (ESC c resets the terminal, ESC ] 0; … BEL sets its title: both valid in a regex)
    writeFileSync(
      join(work, "acl.conf"),
      `{allow, {username, {re, "x${ESC}c${ESC}]0;0 problems\u0007\u202e"}}, publish, ["t/${ESC}c"]}.\n{deny, all}.\n`,
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("lint (pretty and github)", () => {
    for (const format of ["pretty", "github"]) {
      const r = runBuiltCli(["lint", "--dialect", "v5", "--format", format, "acl.conf"], { cwd: work });
      expect(r.stdout, format).toContain("x\\x1bc\\x1b]0;0 problems\\x07");
      expect(RAW.test(r.stdout), `${format}: ${JSON.stringify(r.stdout.slice(0, 400))}`).toBe(false);
    }
  });

  it("explain (a request whose username carries the sequence) and analyze", () => {
    const e = runBuiltCli(
      [
        "explain",
        "--engine",
        "v5",
        "--username",
        `x${ESC}[2J${ESC}[H0 problems\u202e`,
        "--publish",
        `t/${ESC}[31m`,
        "acl.conf",
      ],
      { cwd: work },
    );
    expect(e.code).toBe(0);
    expect(e.stdout + e.stderr).toContain("\\x1b[2J");
    expect(RAW.test(e.stdout + e.stderr)).toBe(false);
    const a = runBuiltCli(["analyze", "--engine", "v5", "acl.conf"], { cwd: work });
    expect(RAW.test(a.stdout + a.stderr)).toBe(false);
  });

  it("a usage error naming a hostile file name", () => {
    const r = runBuiltCli(["lint", `missing${ESC}[2J.conf`], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing\\x1b[2J.conf");
    expect(RAW.test(r.stderr)).toBe(false);
  });

  it("a file name with a line break stays inside its location: lint (pretty, compact) and compile refusals", () => {
    const name = "x\n0 problems\u001b[2J.conf";
    writeFileSync(
      join(work, name),
      '{allow, {clientid, "c\u001b[2J"}, publish, ["t"]}.\n{deny, all, publish, ["t"]}.\n',
    );
    for (const format of ["pretty", "compact"]) {
      const r = runBuiltCli(["lint", "--dialect", "v5", "--format", format, name], { cwd: work });
      expect(
        r.stdout.split("\n").filter((l) => l.startsWith("0 problems")),
        format,
      ).toEqual([]);
      expect(r.stdout, format).toContain("x\\x0a0 problems\\x1b[2J.conf");
      expect(RAW.test(r.stdout), format).toBe(false);
    }
    const c = runBuiltCli(["compile", name, "--to", "redis", "--emqx", "5", "--out", "o"], { cwd: work });
    expect(c.stderr).toMatch(/^x\\x0a0 problems\\x1b\[2J\.conf:\d+:1: rule \d+: cannot be expressed/m);
    expect(c.stderr.split("\n").filter((l) => l.startsWith("0 problems"))).toEqual([]);
    expect(RAW.test(c.stderr)).toBe(false);
  });
});
