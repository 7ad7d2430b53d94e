import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { discoverLintConfig, loadLintConfig } from "./lint-config";

const write = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "emqx-acl-cfg-")), ".emqx-acl.json");
  writeFileSync(path, text);
  return path;
};

describe("lint config", () => {
  it("reads dialect and rule settings", () => {
    expect(loadLintConfig(write('{"dialect":"v4","rules":{"rule-conflict":"off"}}'))).toEqual({
      dialect: "v4",
      rules: { "rule-conflict": "off" },
    });
  });

  it("points at line:col of broken JSON", () => {
    const path = write('{\n  "dialect": "v5",\n  "rules": {,}\n}');
    expect(() => loadLintConfig(path)).toThrow(new RegExp(`^${path.replace(/[.]/g, "\\.")}:3:\\d+: invalid JSON`));
  });

  it("refuses a file with any problem, naming file:line:col", () => {
    const path = write('{"dialect": "v5",\n "colour": 1}');
    expect(() => loadLintConfig(path)).toThrow(`${path}:2:2: unknown key 'colour'`);
  });

  it("says when the file cannot be read", () => {
    expect(() => loadLintConfig("/nonexistent/.emqx-acl.json")).toThrow(
      "cannot read '/nonexistent/.emqx-acl.json': no such file",
    );
  });

  it("discovers the nearest file above a directory, and none is no settings", () => {
    const path = write('{"dialect":"v4"}');
    const dir = join(path, "..", "sub");
    mkdirSync(dir);
    expect(discoverLintConfig(dir)).toEqual({ dialect: "v4" });
    expect(discoverLintConfig(mkdtempSync(join(tmpdir(), "emqx-acl-none-")))).toEqual({});
  });
});
