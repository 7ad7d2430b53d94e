/**
 * `--emqx 4|5|6` (also `v4|v5|v6`; `auto` where the command can tell from the file): the EMQX
 * version, spelt the same for every command. `--dialect` and `--engine`, the names some
 * commands used before, still work as hidden, deprecated aliases.
 */
import { capabilities, DIALECTS } from "@emqx-acl/core";
import { InvalidArgumentError, Option, type Command } from "commander";
import { usageError } from "./chain-options";

/** The major numbers the option takes, from the versions the tool knows (`4`, `5`, `6`). */
const MAJORS = DIALECTS.map((d) => String(capabilities(d).major));
const or = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}` : xs[0]);

const OLD_NAMES = ["dialect", "engine"] as const;

/** `emqx-new` → `emqxNew`, as commander names an option's value. */
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export interface EmqxOptionSpec {
  /** The option value the command reads (e.g. `dialect`, `engine`, `emqx`, `engineNew`). */
  key: string;
  /** A second version option (`"new"`: `--emqx-new`, old name `--engine-new`). */
  suffix?: string;
  description: string;
  /** Whether `auto` (infer the version from the file) is allowed. */
  auto?: boolean;
  /** Value when none of the names is given. */
  defaultValue?: string;
  /** Hand the command `4` rather than `v4` (commands that always spelt it so). */
  digits?: boolean;
  /** Missing is a usage error. */
  required?: boolean;
}

/** `4`, `v4`, `V4` → `v4` (or `4` with `digits`); `auto` when allowed. */
export function parseEmqxVersion(value: string, spec: Pick<EmqxOptionSpec, "auto" | "digits">): string {
  const v = value.trim().toLowerCase();
  if (spec.auto && v === "auto") return "auto";
  const n = v.startsWith("v") ? v.slice(1) : v;
  const at = MAJORS.indexOf(n);
  if (at < 0)
    throw new InvalidArgumentError(
      `expected ${or(MAJORS)} (or ${MAJORS.map((m) => `v${m}`).join(", ")}${spec.auto ? ", auto" : ""})`,
    );
  return spec.digits ? n : DIALECTS[at];
}

/** Adds `--emqx` and its hidden old names to `cmd`; the command reads `spec.key`. */
export function addEmqxOption(cmd: Command, spec: EmqxOptionSpec): Command {
  const parse = (value: string) => parseEmqxVersion(value, spec);
  const choices = [...MAJORS, ...(spec.auto ? ["auto"] : [])].join("|");
  const flag = (name: string) => (spec.suffix ? `${name}-${spec.suffix}` : name);
  const main = flag("emqx");
  const flags = [main, ...OLD_NAMES.map(flag)];
  cmd.addOption(
    new Option(
      `--${main} <version>`,
      `${spec.description} (${choices}; ${MAJORS.map((m) => `v${m}`).join("|")} also accepted)`,
    ).argParser(parse),
  );
  for (const old of flags.slice(1))
    cmd.addOption(new Option(`--${old} <version>`, `deprecated name of --${main}`).argParser(parse).hideHelp());
  cmd.hook("preAction", (command) => {
    const opts = command.opts();
    const given = flags.filter((f) => opts[camel(f)] !== undefined);
    const values = new Set(given.map((f) => opts[camel(f)] as string));
    if (values.size > 1)
      usageError(
        command,
        `${given.map((f) => `--${f}`).join(" and ")} give different EMQX versions (--${flags.slice(1).join(" and --")} are old names of --${main})`,
      );
    const value = given.length > 0 ? (opts[camel(given[0])] as string) : spec.defaultValue;
    if (value === undefined && spec.required)
      usageError(command, `required option '--${main} <version>' not specified`);
    for (const f of flags) command.setOptionValue(camel(f), undefined);
    command.setOptionValue(spec.key, value);
  });
  return cmd;
}
