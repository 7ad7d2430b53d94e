import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { capabilities, DIALECTS } from "@emqx-acl/core";
import { settingsSchema } from "@emqx-acl/analysis";
import { addEmqxOption, parseEmqxVersion, type EmqxOptionSpec } from "./emqx-option";

/** What the action of a command with the option sees, or the usage error. */
async function seen(spec: EmqxOptionSpec, args: string[]): Promise<Record<string, unknown> | string> {
  let got: Record<string, unknown> = {};
  const cmd = addEmqxOption(new Command("x"), spec)
    .exitOverride()
    .configureOutput({ writeErr: () => {} })
    .action((opts) => (got = opts));
  try {
    await cmd.parseAsync(args, { from: "user" });
  } catch (err) {
    return (err as Error).message;
  }
  return got;
}

describe("--emqx", () => {
  it("accepts 4|5|6 and v4|v5|v6, auto only where allowed", () => {
    expect(parseEmqxVersion("5", {})).toBe("v5");
    expect(parseEmqxVersion("V6", {})).toBe("v6");
    expect(parseEmqxVersion("v4", { digits: true })).toBe("4");
    expect(parseEmqxVersion("auto", { auto: true })).toBe("auto");
    expect(() => parseEmqxVersion("auto", {})).toThrow(/expected 4, 5 or 6/);
    expect(() => parseEmqxVersion("5.8", {})).toThrow(/expected 4, 5 or 6/);
  });

  it("hands the command one value under its key, whichever name was used", async () => {
    const spec: EmqxOptionSpec = { key: "engine", description: "d" };
    expect(await seen(spec, ["--emqx", "5"])).toEqual({ engine: "v5" });
    expect(await seen(spec, ["--engine", "v4"])).toEqual({ engine: "v4" });
    expect(await seen(spec, ["--dialect", "6"])).toEqual({ engine: "v6" });
    expect(await seen(spec, ["--emqx", "5", "--engine", "v5"])).toEqual({ engine: "v5" });
    expect(await seen({ ...spec, defaultValue: "auto", auto: true }, [])).toEqual({ engine: "auto" });
  });

  it("refuses different versions under two names, and a missing required one", async () => {
    expect(await seen({ key: "dialect", description: "d" }, ["--emqx", "5", "--dialect", "v4"])).toMatch(
      /--emqx and --dialect give different EMQX versions/,
    );
    expect(await seen({ key: "emqx", required: true, description: "d" }, [])).toMatch(
      /required option '--emqx <version>' not specified/,
    );
  });

  it("makes a second version option with a suffix (diff's --emqx-new, old name --engine-new)", async () => {
    const cmd = (args: string[]) => {
      let got: Record<string, unknown> = {};
      const c = addEmqxOption(addEmqxOption(new Command("x"), { key: "engine", description: "d" }), {
        key: "engineNew",
        suffix: "new",
        description: "d",
      })
        .exitOverride()
        .action((o) => (got = o));
      return c.parseAsync(args, { from: "user" }).then(() => got);
    };
    expect(await cmd(["--emqx", "5", "--emqx-new", "6"])).toEqual({ engine: "v5", engineNew: "v6" });
    expect(await cmd(["--engine", "v5", "--engine-new", "v6"])).toEqual({ engine: "v5", engineNew: "v6" });
    expect(await cmd(["--emqx", "5"])).toEqual({ engine: "v5", engineNew: undefined });
  });

  it("hides the old names from the help", () => {
    const help = addEmqxOption(new Command("x"), { key: "dialect", description: "the version" }).helpInformation();
    expect(help).toContain("--emqx <version>");
    expect(help).not.toMatch(/--dialect|--engine/);
  });
});

describe("--emqx takes the versions core knows", () => {
  it("every dialect by its major number or its name, nothing else; the help lists them", () => {
    for (const d of DIALECTS) {
      const major = String(capabilities(d).major);
      expect(parseEmqxVersion(major, {})).toBe(d);
      expect(parseEmqxVersion(d, {})).toBe(d);
      expect(parseEmqxVersion(major, { digits: true })).toBe(major);
    }
    const next = String(Math.max(...DIALECTS.map((d) => capabilities(d).major)) + 1);
    expect(() => parseEmqxVersion(next, {})).toThrow(
      new RegExp(
        `expected ${DIALECTS.map((d) => capabilities(d).major)
          .slice(0, -1)
          .join(", ")} or`,
      ),
    );
    const help = addEmqxOption(new Command("x"), { key: "emqx", description: "d", auto: true }).helpInformation();
    expect(help).toContain(`(${[...DIALECTS.map((d) => capabilities(d).major), "auto"].join("|")};`);
  });

  it("the settings file's dialect enum is the same list", () => {
    expect(settingsSchema.properties.dialect.enum).toEqual(["auto", ...DIALECTS]);
  });
});
