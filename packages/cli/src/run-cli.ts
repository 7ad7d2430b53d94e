/** Runs a program over `process.argv` and maps failures to exit codes without stack traces. */
import { CommanderError, type Command } from "commander";
import { buildProgram, type Register } from "./program";
import { readFailure } from "./read-input";
import { terminalText } from "./terminal-text";
import { UsageError } from "./usage-error";

/** Help shown on request (`--help`, or no command) is not an error message. */
const HELP_CODES = new Set(["commander.help", "commander.helpDisplayed", "commander.version"]);

/**
 * `emqx-acl: error: <what>; try 'emqx-acl <command> --help'` on one line (commander's own
 * message may add a "Did you mean" line: folded in).
 */
export function usageLine(program: Command, argv: readonly string[], err: CommanderError): string {
  const name = argv[2];
  const sub = program.commands.find((c) => c.name() === name || c.aliases().includes(name));
  const what = err.message
    .replace(/^error: /, "")
    .replace(/\s*\n\s*/g, " ")
    .trim();
  return `emqx-acl: error: ${what}; try '${sub ? `emqx-acl ${sub.name()}` : "emqx-acl"} --help'`;
}

async function run(commands: readonly Register[], argv: string[]): Promise<number> {
  const program = buildProgram(commands);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; everything else is a usage error
      if (err.exitCode !== 0 && !HELP_CODES.has(err.code))
        process.stderr.write(`${terminalText(usageLine(program, argv, err))}\n`);
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`emqx-acl: ${terminalText(err.message)}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`emqx-acl: internal error: ${terminalText(message)}\n`);
    return 3;
  }
}

/** The process entry of a bundle: the whole CLI or one command's own. */
export function runCli(commands: readonly Register[]): void {
  // A reader that stops early (`emqx-acl lint … | head`) closes the pipe: stop quietly with
  // the code already decided instead of an unhandled EPIPE stack trace.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") process.stderr.write(`emqx-acl: cannot write the output: ${readFailure(err)}\n`);
    process.exit(err.code === "EPIPE" ? (typeof process.exitCode === "number" ? process.exitCode : 0) : 2);
  });
  run(commands, process.argv).then((code) => {
    process.exitCode = code;
  });
}
