import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadLintConfig, validateConfig } from "./lint-config";

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

  it("rejects wrong shapes with a message naming the file", () => {
    expect(() => validateConfig([], "c.json")).toThrow("c.json: the config must be a JSON object");
    expect(() => validateConfig({ dialect: "v7" }, "c.json")).toThrow(/"dialect" must be one of auto, v4, v5, v6/);
    expect(() => validateConfig({ rules: { x: "error" } }, "c.json")).toThrow(/rule 'x': expected "off", "info" or "warning"/);
    expect(() => validateConfig({ colour: 1 }, "c.json")).toThrow(/unknown key 'colour'/);
  });

  it("says when the file cannot be read", () => {
    expect(() => loadLintConfig("/nonexistent/.emqx-acl.json")).toThrow("cannot read '/nonexistent/.emqx-acl.json': no such file");
  });
});
