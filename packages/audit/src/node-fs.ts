/** {@link AuditFs} over the real file system (used by the CLI and the tests). */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  statSync,
  type Stats,
} from "node:fs";
import type { AuditFs, FileRead } from "./context";

/** What a non-regular file is, for the refusal message. */
function fileType(st: Stats): string {
  if (st.isDirectory()) return "a directory";
  if (st.isFIFO()) return "a FIFO";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

function sizeText(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MiB` : `${bytes} bytes`;
}

/**
 * Reads at most `maxBytes` of a regular file. Opened non-blocking and checked with fstat on
 * the open descriptor, so a FIFO swapped in after a check cannot hang the read; the read
 * stops one byte past the limit, so /dev/zero or a file that grows cannot exhaust memory.
 */
export function readBoundedBytes(
  path: string,
  maxBytes: number,
): { bytes: Buffer } | Exclude<FileRead, { text: string }> {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return { missing: true };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { refused: `${fileType(st)}, not a regular file` };
    if (st.size > maxBytes) return { refused: `${sizeText(st.size)}, over the ${sizeText(maxBytes)} limit` };
    // chunks, not st.size: /proc files say 0 and a file may grow while it is read
    const chunks: Buffer[] = [];
    let got = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 16, maxBytes + 1 - got));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      got += n;
      if (got > maxBytes) return { refused: `over the ${sizeText(maxBytes)} limit` };
    }
    return { bytes: Buffer.concat(chunks) };
  } catch {
    return { missing: true };
  } finally {
    closeSync(fd);
  }
}

/** {@link readBoundedBytes} decoded as UTF-8. */
export function readBounded(path: string, maxBytes: number): FileRead {
  const r = readBoundedBytes(path, maxBytes);
  return "bytes" in r ? { text: r.bytes.toString("utf8") } : r;
}

export const nodeAuditFs: AuditFs = {
  read: readBounded,
  mode(path) {
    try {
      return statSync(path).mode & 0o777;
    } catch {
      return null;
    }
  },
  listDir(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};
