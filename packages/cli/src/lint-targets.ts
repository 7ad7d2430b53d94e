/**
 * What lint's arguments name: a file as is; a directory, every acl file below it; a quoted
 * glob (`'etc/**\/*.acl.conf'`, for shells and CI steps that do not expand it), the files it
 * matches. An EMQX `etc/` directory also holds emqx.conf and other HOCON files, so a
 * directory does not mean every `*.conf`: only the names acl files have.
 */
import { readdirSync, statSync, type Dirent } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "./usage-error";

/** `acl.conf` (EMQX's own name) and `<name>.acl.conf`, `<name>-acl.conf`, `<name>_acl.conf`. */
export function isAclFileName(name: string): boolean {
  return /^(?:.+[._-])?acl\.conf$/.test(name);
}

/** Directories a walk skips: hidden ones (.git) and dependencies. */
function skipped(dir: Dirent): boolean {
  return dir.name.startsWith(".") || dir.name === "node_modules";
}

/** Files below `dir` (shown as `shown/…`), sorted, not following symlinked directories (no loops). */
function* walk(dir: string, shown: string): Generator<string> {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    const path = join(dir, e.name);
    const show = shown === "" ? e.name : `${shown}/${e.name}`;
    if (e.isDirectory()) {
      if (!skipped(e)) yield* walk(path, show);
    } else if (e.isFile() || (e.isSymbolicLink() && isFile(path))) {
      yield show;
    }
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

const GLOB_CHARS = /[*?[]/;

/** A glob's path after its fixed directory as a regular expression: `**` any directories, `*` and `?` within a name, `[…]` a class. */
function globRegExp(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" && pattern[i + 1] === "*") {
      // `**/` is zero or more directories; a final `**` anything
      const slash = pattern[i + 2] === "/";
      re += slash ? "(?:[^/]*/)*" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) re += "\\[";
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\");
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** The files a glob matches, relative paths kept as the user wrote the fixed part. */
function expandGlob(pattern: string, cwd: string): string[] {
  const parts = pattern.split("/");
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const base = parts.slice(0, firstGlob).join("/");
  const root = pattern.startsWith("/") && firstGlob === 1 ? "/" : base;
  const dir = resolve(cwd, root === "" ? "." : root);
  if (!isDirectory(dir)) return [];
  const re = globRegExp(parts.slice(firstGlob).join("/"));
  const prefix = root === "" ? "" : root.endsWith("/") ? root : `${root}/`;
  return [...walk(dir, "")].filter((rel) => re.test(rel)).map((rel) => prefix + rel);
}

/** The files lint reads for its arguments, in order, each once; nothing found is a usage error. */
export function expandLintTargets(args: string[], cwd: string): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (arg === "-") out.push(arg);
    else if (isDirectory(resolve(cwd, arg))) {
      const found = [...walk(resolve(cwd, arg), "")].filter((rel) =>
        isAclFileName(rel.slice(rel.lastIndexOf("/") + 1)),
      );
      if (found.length === 0)
        throw new UsageError(`no acl files (acl.conf, *.acl.conf, *-acl.conf, *_acl.conf) under '${arg}'`);
      out.push(...found.map((rel) => join(arg, rel)));
    } else if (GLOB_CHARS.test(arg) && !isFile(resolve(cwd, arg))) {
      const found = expandGlob(arg, cwd);
      if (found.length === 0) throw new UsageError(`no files match '${arg}'`);
      out.push(...found);
    } else out.push(arg);
  }
  return [...new Set(out)];
}
