/**
 * Rewriting a file the user owns without taking anything from them: a read-only file is
 * left alone unless forced, hard links stay links, and a file edited after we read it is
 * not overwritten (the edit wins; the caller reports it).
 */
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
  accessSync,
  constants,
  type BigIntStats,
} from "node:fs";
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { readFailure } from "./read-input";
import { UsageError } from "./usage-error";

/** What we knew of the file when we read it: its stat (taken just before the read) and bytes. */
export interface ReadSnapshot {
  stat: BigIntStats;
  bytes: Uint8Array;
}

export type RewriteOutcome = "written" | "read-only" | "changed";

/** Why a file was not written, for `path: <reason>` on stderr; `doing` is what we were at. */
export function notWrittenReason(outcome: Exclude<RewriteOutcome, "written">, doing: "formatting" | "fixing"): string {
  return outcome === "read-only"
    ? "read-only; not written (--force rewrites it)"
    : `changed while ${doing}; not written`;
}

export interface RewriteOptions {
  /** Rewrite a file even when it is read-only (the mode is kept). */
  force?: boolean;
}

/** Takes the stat half of a snapshot; call it before reading the bytes. */
export function statForSnapshot(path: string): BigIntStats {
  return statSync(path, { bigint: true });
}

/** Read-only by its mode (root can write anything, so access() alone would say yes) or to us. */
function isReadOnly(path: string, st: BigIntStats): boolean {
  if ((Number(st.mode) & 0o222) === 0) return true;
  try {
    accessSync(path, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Same inode, size, mtime and bytes as when we read it. */
function unchanged(st: BigIntStats, now: Uint8Array, snap: ReadSnapshot): boolean {
  return (
    st.ino === snap.stat.ino &&
    st.dev === snap.stat.dev &&
    st.size === snap.stat.size &&
    st.mtimeNs === snap.stat.mtimeNs &&
    Buffer.compare(Buffer.from(now), Buffer.from(snap.bytes)) === 0
  );
}

/**
 * A fresh name beside the file, created with O_EXCL (`writeTemp`): a name nobody can guess
 * in advance, so a link planted at it can neither redirect the write nor block the run.
 */
function tempSibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.emqx-acl-fmt.tmp`);
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // never created, or already gone
  }
}

/** Gives the new file the old one's owner and group; only root may, others keep their own. */
function keepOwner(fd: number, owner: BigIntStats | undefined): void {
  if (!owner) return;
  try {
    fchownSync(fd, Number(owner.uid), Number(owner.gid));
  } catch {
    // not permitted: rewriteFile only renames files we own unless we are root
  }
}

/** A fully written, flushed new file with exactly `mode` (and `owner`'s owner when we may): the rename source, or the recovery copy. */
export function writeTemp(tmp: string, bytes: Uint8Array, mode: number, owner?: BigIntStats): void {
  const fd = openSync(tmp, "wx", mode);
  try {
    keepOwner(fd, owner);
    fchmodSync(fd, mode); // open() applied the umask; the file keeps its exact mode (after chown, which may clear set-id bits)
    writeFileSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** One link: a temporary sibling renamed over the file, so readers see old or new, never half. */
function replaceByRename(path: string, snap: ReadSnapshot, bytes: Uint8Array): RewriteOutcome {
  const tmp = tempSibling(path);
  const mode = Number(snap.stat.mode) & 0o7777;
  try {
    writeTemp(tmp, bytes, mode, snap.stat);
    if (!unchanged(statSync(path, { bigint: true }), readFileSync(path), snap)) {
      removeQuietly(tmp);
      return "changed";
    }
    renameSync(tmp, path);
    return "written";
  } catch (err) {
    removeQuietly(tmp);
    throw new UsageError(`cannot write '${path}': ${readFailure(err)}`);
  }
}

/**
 * Several links (a rename would leave the other names on the old text), or a file of
 * another user's we may write (a rename would make it ours): the file is overwritten
 * through its own inode, keeping links, owner and mode. The new text is first flushed to a sibling so a
 * failure half-way through still leaves the whole formatted file on disk (and named).
 */
function overwriteInPlace(path: string, snap: ReadSnapshot, bytes: Uint8Array): RewriteOutcome {
  const tmp = tempSibling(path);
  let fd: number | undefined;
  let writing = false;
  try {
    writeTemp(tmp, bytes, 0o600);
    fd = openSync(path, "r+");
    if (!unchanged(fstatSync(fd, { bigint: true }), readFileSync(fd), snap)) {
      removeQuietly(tmp);
      return "changed";
    }
    writing = true;
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, done);
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
    removeQuietly(tmp);
    return "written";
  } catch (err) {
    const keep = writing ? `; the formatted text is in '${tmp}'` : "";
    if (!writing) removeQuietly(tmp);
    throw new UsageError(`cannot write '${path}': ${readFailure(err)}${keep}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Rewrites `path` with `bytes` if it is still what `snap` says we read. A symbolic link
 * is followed, so the file it names is rewritten and the link stays a link.
 */
export function rewriteFile(
  path: string,
  snap: ReadSnapshot,
  bytes: Uint8Array,
  options: RewriteOptions = {},
): RewriteOutcome {
  let st: BigIntStats;
  try {
    path = realpathSync(path);
    st = statSync(path, { bigint: true });
  } catch (err) {
    throw new UsageError(`cannot write '${path}': ${readFailure(err)}`);
  }
  if (!options.force && isReadOnly(path, st)) return "read-only";
  // a rename would split links, or (not root) hand another user's file to us
  const uid = process.getuid?.();
  const foreign = uid !== undefined && uid !== 0 && st.uid !== BigInt(uid);
  return st.nlink > 1n || foreign ? overwriteInPlace(path, snap, bytes) : replaceByRename(path, snap, bytes);
}
