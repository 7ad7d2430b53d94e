/**
 * Reading input files for commands: as bytes (the parser decides the encoding, as
 * `file:consult` does), `-` for standard input, and one clear line instead of a stack
 * trace when a file cannot be read.
 */
import { readFileSync, statSync } from "node:fs";
import { UsageError } from "./usage-error";

/** A file's bytes and the name to show for it. */
export interface InputFile {
  path: string;
  bytes: Uint8Array;
}

const REASONS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "is a directory",
  ENOTDIR: "a parent is not a directory",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "name too long",
  EMFILE: "too many open files",
  ENXIO: "not a file that can be opened (a socket?)",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  EEXIST: "already exists",
  EXDEV: "on another file system",
  EIO: "input/output error",
};

/** Names of our own standard input: read fd 0 directly (opening them fails on a socket). */
const STDIN_NAMES = new Set(["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

/** The short reason for a failed read or write, e.g. `no such file`. */
export function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code && REASONS[code]) return REASONS[code];
  return code ? code.toLowerCase() : err instanceof Error ? err.message : String(err);
}

/** Reads `path` (or stdin for `-`); throws a {@link UsageError} with a one-line reason. */
export function readInput(path: string, readStdin: () => Uint8Array = () => readFileSync(0)): InputFile {
  try {
    if (STDIN_NAMES.has(path)) return { path: path === "-" ? "<stdin>" : path, bytes: readStdin() };
    if (statSync(path).isDirectory()) throw Object.assign(new Error("directory"), { code: "EISDIR" });
    return { path, bytes: readFileSync(path) };
  } catch (err) {
    throw new UsageError(`cannot read '${path === "-" ? "<stdin>" : path}': ${readFailure(err)}`);
  }
}
