/**
 * The launcher finds a command's own bundle by the command's name, and the build names
 * each bundle after its file in `commands/`: the two must agree, and the full CLI must
 * list every command file.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { allCommands } from "./all-commands";
import { buildProgram, type Register } from "./program";

const names = readdirSync(join(__dirname, "commands"))
  .filter((f) => /^[a-z]+\.ts$/.test(f))
  .map((f) => f.slice(0, -3));

describe("command modules", () => {
  it.each(names)("commands/%s.ts registers the command it is named after, and only it", async (name) => {
    const { register } = (await import(`./commands/${name}.ts`)) as { register: Register };
    const program = new Command("emqx-acl");
    register(program);
    expect(program.commands.map((c) => c.name())).toEqual([name]);
  });

  it("the full CLI has every command file", () => {
    const registered = buildProgram(allCommands).commands.map((c) => c.name());
    expect(registered.sort()).toEqual([...names].sort());
  });
});
