/**
 * Writing a command's output files into `--out DIR` without taking anything from the user.
 * DIR may be new (created with the normal umask mode, in one rename), or a directory
 * holding only files of the names we write (they are replaced). A directory holding
 * anything else is refused unless forced, and then only our names are replaced: nothing
 * else in it is ever removed. A regular file at DIR is always refused.
 *
 * Every file is first written to a temporary directory on the same file system (beside
 * DIR, or inside it), so a failure while writing leaves the user's files as they were;
 * only then are the files renamed into place.
 */
import { randomBytes } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  type BigIntStats,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { readFailure } from "./read-input";
import { writeTemp } from "./safe-rewrite";
import { UsageError } from "./usage-error";

export interface OutFile {
  name: string;
  bytes: Uint8Array;
}

export interface OutDirOptions {
  /** Write into a directory that also holds other files (only our names are replaced). */
  force?: boolean;
}

/** Listed in a refusal: enough to recognise the directory, not a whole listing. */
const NAMES_SHOWN = 4;

function ioError(path: string, err: unknown): UsageError {
  if (err instanceof UsageError) return err;
  return new UsageError(`cannot write '${path}': ${readFailure(err)}`);
}

/** A name no other writer picks: our process id and random bytes. */
function uniqueName(prefix: string): string {
  return `${prefix}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
}

function lstatOrNull(path: string): BigIntStats | null {
  try {
    return lstatSync(path, { bigint: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** The directory's entries that are not ours; refuses when our name is taken by a non-file. */
function foreignEntries(dir: string, shown: string, ours: Set<string>): string[] {
  const foreign: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!ours.has(name)) {
      foreign.push(name);
      continue;
    }
    if (!lstatSync(join(dir, name)).isFile()) {
      throw new UsageError(`cannot write '${join(shown, name)}': it exists and is not a regular file; nothing written`);
    }
  }
  return foreign;
}

/** DIR does not exist: fill a sibling directory (umask mode, unlike mkdtemp's 0700) and rename it to DIR. */
function createDir(target: string, files: readonly OutFile[]): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, uniqueName(`.${basename(target)}`));
  mkdirSync(tmp);
  try {
    for (const f of files) writeFileSync(join(tmp, f.name), f.bytes, { flag: "wx" });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/**
 * DIR exists: write every file into a temporary directory inside it (same file system
 * even when DIR is a mount point), then rename each over its name. A file replaced keeps
 * its mode and (when we are root) its owner, as fmt keeps them.
 */
function fillDir(dir: string, shown: string, files: readonly OutFile[]): void {
  const tmp = join(dir, uniqueName(".emqx-acl-out"));
  mkdirSync(tmp, 0o700);
  let renamed = 0;
  try {
    for (const f of files) {
      const old = lstatOrNull(join(dir, f.name));
      if (old) writeTemp(join(tmp, f.name), f.bytes, Number(old.mode) & 0o7777, old);
      else writeFileSync(join(tmp, f.name), f.bytes, { flag: "wx" });
    }
    for (const f of files) {
      renameSync(join(tmp, f.name), join(dir, f.name));
      renamed++;
    }
  } catch (err) {
    if (renamed > 0) {
      const done = files
        .slice(0, renamed)
        .map((f) => f.name)
        .join(", ");
      throw new UsageError(
        `cannot write '${join(shown, files[renamed].name)}': ${readFailure(err)} (already replaced: ${done})`,
      );
    }
    throw err;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes `files` into `dir` (see the module comment); every failure is one UsageError line. */
export function writeOutDir(dir: string, files: readonly OutFile[], options: OutDirOptions = {}): void {
  try {
    let target = resolve(dir);
    const st = lstatOrNull(target);
    if (st === null) return createDir(target, files);
    if (st.isSymbolicLink()) target = realpathSync(target); // write where the link points; it stays a link
    if (!statSync(target).isDirectory()) {
      throw new UsageError(`cannot write to '${dir}': it is a file, not a directory; nothing written`);
    }
    const ours = new Set(files.map((f) => f.name));
    const foreign = foreignEntries(target, dir, ours);
    if (foreign.length > 0 && !options.force) {
      const some =
        foreign.slice(0, NAMES_SHOWN).join(", ") +
        (foreign.length > NAMES_SHOWN ? `, … (${foreign.length} entries)` : "");
      throw new UsageError(
        `cannot write to '${dir}': it holds files emqx-acl did not write (${some}); give a new or empty directory, or --force to replace only ${[...ours].join(", ")}`,
      );
    }
    fillDir(target, dir, files);
  } catch (err) {
    throw ioError(dir, err);
  }
}
