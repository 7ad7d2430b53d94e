/**
 * `diff --baseline REF`: the acl file as it was at a git ref (`git show REF:path`), the
 * path taken relative to the root of the repository holding the file. git runs through
 * execFile (no shell: a ref or path is never interpreted), and every failure is one line
 * (a UsageError, exit 2): not in a repository, unknown ref, file absent at that ref.
 */
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { UsageError } from "../usage-error";

/** The baseline's bytes and the name to show for it (`REF:path`). */
export interface BaselineFile {
  path: string;
  bytes: Uint8Array;
}

/** Runs git with `args` in `cwd`; the stdout bytes, or the failure (stderr, status). */
function git(args: string[], cwd: string): { ok: true; out: Buffer } | { ok: false; err: string; missing: boolean } {
  try {
    return { ok: true, out: execFileSync("git", args, { cwd, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30 }) };
  } catch (e) {
    const x = e as NodeJS.ErrnoException & { stderr?: Buffer };
    return { ok: false, err: x.stderr?.toString("utf8").trim() ?? "", missing: x.code === "ENOENT" };
  }
}

/** The absolute directory of `file` with symbolic links resolved (git reports real paths). */
function realDir(file: string): string {
  try {
    return realpathSync(dirname(resolve(file)));
  } catch {
    throw new UsageError(`cannot read '${file}': no such file`);
  }
}

/** The file's path inside its repository (forward slashes), and the repository's root. */
export function repoPath(file: string): { root: string; path: string } {
  const dir = realDir(file);
  const top = git(["rev-parse", "--show-toplevel"], dir);
  if (!top.ok) {
    if (top.missing) throw new UsageError("--baseline needs git, which is not installed (or not on PATH)");
    throw new UsageError(`--baseline: '${file}' is not inside a git repository`);
  }
  const root = realpathSync(top.out.toString("utf8").trim());
  const rel = relative(root, join(dir, basename(resolve(file))));
  return { root, path: rel.split(sep).join("/") };
}

/** The bytes of `file` at git ref `ref`; a UsageError naming what is wrong otherwise. */
export function readAtRef(file: string, ref: string): BaselineFile {
  if (ref === "" || ref.startsWith("-")) throw new UsageError(`--baseline: '${ref}' is not a git ref`);
  const { root, path } = repoPath(file);
  const commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], root);
  if (!commit.ok) throw new UsageError(`--baseline: unknown git ref '${ref}' in ${root}`);
  const sha = commit.out.toString("utf8").trim();
  const shown = git(["show", `${sha}:${path}`], root);
  if (!shown.ok) throw new UsageError(`--baseline: '${path}' does not exist at ${ref} (${sha.slice(0, 12)})`);
  return { path: `${ref}:${path}`, bytes: new Uint8Array(shown.out) };
}
