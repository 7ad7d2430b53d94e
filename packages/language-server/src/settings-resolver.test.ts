import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SettingsResolver } from "./settings-resolver";

const root = mkdtempSync(join(tmpdir(), "emqx-acl-resolver-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const uri = (...p: string[]) => pathToFileURL(join(root, ...p)).href;

describe("SettingsResolver", () => {
  it("layers the command line's base, the client, then the nearest .emqx-acl.json", () => {
    mkdirSync(join(root, "v4"));
    writeFileSync(join(root, "v4", ".emqx-acl.json"), '{"dialect": "v4"}');
    const r = new SettingsResolver([root], { dialect: "v6" });
    expect(r.for(uri("plain.conf")).dialect).toBe("v6");
    r.setClient({ dialect: "v5" });
    expect(r.for(uri("plain.conf")).dialect).toBe("v5");
    expect(r.for(uri("v4", "acl.conf")).dialect).toBe("v4");
  });

  it("reports a settings file's problems at file:line:col and keeps its valid settings", () => {
    mkdirSync(join(root, "bad"));
    writeFileSync(join(root, "bad", ".emqx-acl.json"), '{"dialect": "v4",\n "engine": "v5"}');
    const r = new SettingsResolver([root]);
    expect(r.for(uri("bad", "acl.conf")).dialect).toBe("v4");
    expect(r.problems).toEqual([
      `${join(root, "bad", ".emqx-acl.json")}:2:2: unknown key 'engine' (expected dialect, rules or $schema)`,
    ]);
  });
});
