import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkSettings, parseSettingsFile } from "./settings-file";
import { findSettingsFile, settingsFor } from "./settings-discovery";
import { settingsSchema } from "./lint/settings";

const root = mkdtempSync(join(tmpdir(), "emqx-acl-settings-file-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("parseSettingsFile", () => {
  it("reads dialect and rule settings, with no problems", () => {
    expect(parseSettingsFile("s.json", '{"$schema": "x", "dialect": "v4", "rules": {"rule-conflict": "off"}}')).toEqual(
      {
        path: "s.json",
        settings: { dialect: "v4", rules: { "rule-conflict": "off" } },
        problems: [],
      },
    );
  });

  it("points at line:col of broken JSON", () => {
    const r = parseSettingsFile("s.json", '{\n  "dialect": "v5",\n  "rules": {,}\n}');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^s\.json:3:\d+: invalid JSON: /);
    expect(r.settings).toEqual({});
  });

  it("reports every problem at its key, and keeps the valid parts", () => {
    const text =
      '{\n  "dialect": "v9",\n  "engine": "v4",\n  "rules": {\n    "final-allow-all": "off",\n    "rule-unreachable": "loud"\n  }\n}';
    const r = parseSettingsFile("s.json", text);
    expect(r.problems).toEqual([
      "s.json:2:3: dialect must be one of auto, v4, v5, v6",
      "s.json:3:3: unknown key 'engine' (expected dialect, rules or $schema)",
      's.json:6:5: rules.rule-unreachable: expected "off", "info" or "warning"',
    ]);
    expect(r.settings).toEqual({ rules: { "final-allow-all": "off" } });
    expect(parseSettingsFile("s.json", "[]").problems).toEqual(["s.json:1:1: the settings must be a JSON object"]);
    expect(parseSettingsFile("s.json", '{"rules": "off"}').problems[0]).toMatch(
      /^s\.json:1:2: rules must be an object/,
    );
  });

  it("agrees with the published JSON schema on the keys and values it allows", () => {
    expect(Object.keys(settingsSchema.properties).sort()).toEqual(["$schema", "dialect", "rules"]);
    for (const dialect of settingsSchema.properties.dialect.enum)
      expect(checkSettings({ dialect }).problems).toEqual([]);
    for (const s of settingsSchema.properties.rules.additionalProperties.enum)
      expect(checkSettings({ rules: { x: s } }).problems).toEqual([]);
    expect(checkSettings({ debounceMs: 5 }, ["debounceMs"]).problems).toEqual([]);
  });
});

describe("findSettingsFile / settingsFor", () => {
  it("finds the nearest file at or above a directory, and stops at stopAt", () => {
    mkdirSync(join(root, "a", "b", "c"), { recursive: true });
    writeFileSync(join(root, "a", ".emqx-acl.json"), '{"dialect": "v5"}');
    expect(findSettingsFile(join(root, "a", "b", "c"))).toBe(join(root, "a", ".emqx-acl.json"));
    expect(settingsFor(join(root, "a", "b"))?.settings).toEqual({ dialect: "v5" });
    expect(findSettingsFile(join(root, "a", "b", "c"), join(root, "a", "b"))).toBeNull();
    expect(findSettingsFile(root, root)).toBeNull();
  });
});
