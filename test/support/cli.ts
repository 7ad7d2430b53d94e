/**
 * Running the built CLI (`packages/cli/bin/emqx-acl.cjs`) in a child process for end-to-end
 * tests: exit code, stdout and stderr, never a throw. `umask` runs it under that umask (through
 * sh), for tests of the modes of the files it creates.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./shared";

export const cliBin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(args: string[], options: { cwd: string; umask?: number; input?: string }): CliRun {
  const argv = [cliBin, ...args];
  const r =
    options.umask === undefined
      ? spawnSync(process.execPath, argv, { cwd: options.cwd, encoding: "utf8", input: options.input ?? "" })
      : spawnSync("sh", ["-c", `umask ${options.umask.toString(8)}; exec "$0" "$@"`, process.execPath, ...argv], {
          cwd: options.cwd,
          encoding: "utf8",
          input: options.input ?? "",
        });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
