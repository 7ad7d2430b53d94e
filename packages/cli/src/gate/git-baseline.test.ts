import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../usage-error";
import { readAtRef, repoPath } from "./git-baseline";

const dir = mkdtempSync(join(tmpdir(), "emqx-acl-baseline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    stdio: "pipe",
  });
git("init", "-q", "-b", "main");
mkdirSync(join(dir, "etc"));
const file = join(dir, "etc", "acl.conf");
writeFileSync(file, "{deny, all}.\n");
git("add", ".");
git("commit", "-q", "-m", "one");
writeFileSync(file, "{allow, all}.\n");

describe("readAtRef", () => {
  it("reads the committed version, named REF:path relative to the repository root", () => {
    const b = readAtRef(file, "HEAD");
    expect(b.path).toBe("HEAD:etc/acl.conf");
    expect(new TextDecoder().decode(b.bytes)).toBe("{deny, all}.\n");
    expect(repoPath(file).path).toBe("etc/acl.conf");
  });

  it("says which ref is unknown", () => {
    expect(() => readAtRef(file, "no-such-branch")).toThrow(UsageError);
    expect(() => readAtRef(file, "no-such-branch")).toThrow(/unknown git ref 'no-such-branch'/);
  });

  it("refuses a ref that looks like an option", () => {
    expect(() => readAtRef(file, "--output=x")).toThrow(/not a git ref/);
  });

  it("says when the file does not exist at the ref", () => {
    const other = join(dir, "etc", "new.conf");
    writeFileSync(other, "{deny, all}.\n");
    expect(() => readAtRef(other, "HEAD")).toThrow(/'etc\/new\.conf' does not exist at HEAD/);
  });

  it("says when the file is not in a git repository", () => {
    const outside = mkdtempSync(join(tmpdir(), "emqx-acl-nogit-"));
    try {
      writeFileSync(join(outside, "a.conf"), "{deny, all}.\n");
      expect(() => readAtRef(join(outside, "a.conf"), "HEAD")).toThrow(/is not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
