import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expandLintTargets, isAclFileName } from "./lint-targets";

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), "emqx-acl-targets-"));
  for (const f of [
    "etc/acl.conf",
    "etc/emqx.conf",
    "etc/zones/b.acl.conf",
    "etc/zones/a_acl.conf",
    "etc/.git/acl.conf",
    "etc/node_modules/x/acl.conf",
    "other/tenant-acl.conf",
    "other/notes.txt",
  ]) {
    mkdirSync(join(cwd, f, ".."), { recursive: true });
    writeFileSync(join(cwd, f), "{deny, all}.\n");
  }
  mkdirSync(join(cwd, "empty"));
  symlinkSync(join(cwd, "etc"), join(cwd, "etc", "zones", "loop"));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe("lint targets", () => {
  it("knows the names acl files have", () => {
    expect(["acl.conf", "x.acl.conf", "x-acl.conf", "x_acl.conf"].every(isAclFileName)).toBe(true);
    expect(["emqx.conf", "myacl.conf", "acl.conf.bak", "acl.json"].some(isAclFileName)).toBe(false);
  });

  it("expands a directory to its acl files, recursively and sorted, skipping hidden dirs, node_modules and symlinked dirs", () => {
    expect(expandLintTargets(["etc"], cwd)).toEqual(["etc/acl.conf", "etc/zones/a_acl.conf", "etc/zones/b.acl.conf"]);
  });

  it("expands a quoted glob to the files it matches, any name", () => {
    expect(expandLintTargets(["etc/*.conf"], cwd)).toEqual(["etc/acl.conf", "etc/emqx.conf"]);
    expect(expandLintTargets(["**/*acl.conf"], cwd)).toEqual([
      "etc/acl.conf",
      "etc/zones/a_acl.conf",
      "etc/zones/b.acl.conf",
      "other/tenant-acl.conf",
    ]);
    expect(expandLintTargets(["etc/zones/[ab]?acl.conf"], cwd)).toEqual([
      "etc/zones/a_acl.conf",
      "etc/zones/b.acl.conf",
    ]);
    expect(expandLintTargets([join(cwd, "other", "*.txt")], "/")).toEqual([join(cwd, "other", "notes.txt")]);
  });

  it("keeps files, - and missing names as given (lint reports those), each once", () => {
    expect(expandLintTargets(["other/notes.txt", "-", "missing.conf", "etc", "etc/acl.conf"], cwd)).toEqual([
      "other/notes.txt",
      "-",
      "missing.conf",
      "etc/acl.conf",
      "etc/zones/a_acl.conf",
      "etc/zones/b.acl.conf",
    ]);
  });

  it("says when a directory or glob names no file", () => {
    expect(() => expandLintTargets(["empty"], cwd)).toThrow(
      "no acl files (acl.conf, *.acl.conf, *-acl.conf, *_acl.conf) under 'empty'",
    );
    expect(() => expandLintTargets(["etc/*.yaml"], cwd)).toThrow("no files match 'etc/*.yaml'");
  });
});
