/**
 * `compile --out DIR` and `import --out DIR` through the built CLI keep what the user has:
 * a directory holding other files (an EMQX config directory) or a regular file at DIR is
 * refused in one line, exit 2; `--force` replaces only the files the command writes; a new
 * directory gets the umask's mode; a path that cannot be written is one line, exit 2 (for
 * fmt and stdout too).
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  symlinkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cliBin, runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const RULES = `{allow, {username, "u1"}, publish, ["a/#"]}.\n`;
const REQUESTS = `${JSON.stringify([{ path: "/authorization/sources/built_in_database/rules/users", body: [{ username: "u1", rules: [{ action: "publish", permission: "allow", topic: "a/#" }] }] }])}\n`;
let work: string;
const cli = (args: string[], umask?: number) => runBuiltCli(args, { cwd: work, umask });
const compileTo = (out: string, ...more: string[]) =>
  cli(["compile", "acl.conf", "--to", "mysql", "--emqx", "5", "--out", out, ...more]);
const importTo = (out: string, ...more: string[]) =>
  cli(["import", "--from", "emqx-api", "requests.json", "--emqx", "5", "--out", out, ...more]);

/** An EMQX config directory: emqx.conf and certs/ with a key only the broker may read. */
function configDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, "certs"), { recursive: true });
  writeFileSync(join(dir, "emqx.conf"), "node.name = emqx@127.0.0.1\n");
  writeFileSync(join(dir, "certs", "key.pem"), "KEY\n", { mode: 0o600 });
  return dir;
}

/** Every path under `dir` with its bytes and mode: what must not change. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, name);
    const st = statSync(p);
    out[name] = `${(st.mode & 0o7777).toString(8)} ${st.isFile() ? readFileSync(p, "utf8") : "dir"}`;
  }
  return out;
}

function expectOneLine(r: { code: number; stderr: string }, what: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "emqx-acl-out-"));
  writeFileSync(join(work, "acl.conf"), RULES);
  writeFileSync(join(work, "requests.json"), REQUESTS);
});

describe("--out never removes what the command did not write", () => {
  for (const [command, write] of [
    ["compile", compileTo],
    ["import", importTo],
  ] as const) {
    it(`${command}: a config directory is refused, exit 2, every file kept`, () => {
      const dir = configDir("etc-emqx");
      const before = snapshot(dir);
      expectOneLine(
        write("etc-emqx"),
        /^emqx-acl: cannot write to 'etc-emqx': it holds files emqx-acl did not write \(certs, emqx\.conf\); .*--force/,
      );
      expect(snapshot(dir)).toEqual(before);
    });

    it(`${command}: a regular file is refused, even with --force`, () => {
      writeFileSync(join(work, "notes.txt"), "mine\n");
      for (const force of [[], ["--force"]]) {
        expectOneLine(
          write("notes.txt", ...force),
          /^emqx-acl: cannot write to 'notes\.txt': it is a file, not a directory; nothing written$/m,
        );
        expect(readFileSync(join(work, "notes.txt"), "utf8")).toBe("mine\n");
      }
    });
  }

  it("compile --force replaces only the files it writes; the rest stays as it was", () => {
    const dir = configDir("etc-emqx");
    writeFileSync(join(dir, "seed.sql"), "old seed\n");
    const before = snapshot(dir);
    const r = compileTo("etc-emqx", "--force");
    expect(r.code).toBe(0);
    const after = snapshot(dir);
    expect(Object.keys(after).sort()).toEqual(["authz-source.conf", "certs", "certs/key.pem", "emqx.conf", "seed.sql"]);
    for (const kept of ["certs", "certs/key.pem", "emqx.conf"]) expect(after[kept]).toBe(before[kept]);
    expect(after["seed.sql"]).toMatch(/INSERT INTO/);
    expect(readdirSync(dir).filter((n) => n.includes(".tmp"))).toEqual([]);
  });

  it.skipIf(process.getuid?.() !== 0)(
    "import --force keeps the owner, group and mode of the acl.conf it replaces",
    () => {
      const dir = configDir("etc-emqx");
      writeFileSync(join(dir, "acl.conf"), "{deny, all}.\n");
      chmodSync(join(dir, "acl.conf"), 0o640);
      chownSync(join(dir, "acl.conf"), 1234, 1234);
      const r = importTo("etc-emqx", "--force");
      expect(r.code).toBe(0);
      const st = statSync(join(dir, "acl.conf"));
      expect([st.uid, st.gid, st.mode & 0o7777]).toEqual([1234, 1234, 0o640]);
      expect(readFileSync(join(dir, "acl.conf"), "utf8")).toContain('{allow, {username, "u1"}, publish, ["a/#"]}.');
      expect(readFileSync(join(dir, "emqx.conf"), "utf8")).toBe("node.name = emqx@127.0.0.1\n");
    },
  );

  it("a directory holding only the command's own files is rewritten without --force", () => {
    expect(compileTo("out").code).toBe(0);
    writeFileSync(join(work, "acl.conf"), `{allow, {username, "u2"}, publish, ["b/#"]}.\n{deny, all}.\n`);
    expect(compileTo("out").code).toBe(0);
    expect(readdirSync(join(work, "out")).sort()).toEqual(["authz-source.conf", "seed.sql"]);
    expect(readFileSync(join(work, "out", "seed.sql"), "utf8")).toContain("u2");
  });

  it("a symlink to a directory: the files go where it points and the link stays a link", () => {
    const dir = configDir("etc-emqx");
    symlinkSync("etc-emqx", join(work, "conf"));
    expect(compileTo("conf", "--force").code).toBe(0);
    expect(lstatSync(join(work, "conf")).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["authz-source.conf", "certs", "emqx.conf", "seed.sql"]);
  });

  it("a name of ours taken by a directory is refused, even with --force", () => {
    mkdirSync(join(work, "out", "seed.sql"), { recursive: true });
    expectOneLine(
      compileTo("out", "--force"),
      /^emqx-acl: cannot write 'out\/seed\.sql': it exists and is not a regular file; nothing written$/m,
    );
    expect(readdirSync(join(work, "out"))).toEqual(["seed.sql"]);
  });

  it("a new directory gets the umask's mode (0755 under umask 022), not 0700", () => {
    for (const [args, out] of [
      [["compile", "acl.conf", "--to", "mysql", "--emqx", "5", "--out", "new/a"], "new/a"],
      [["import", "--from", "emqx-api", "requests.json", "--emqx", "5", "--out", "b"], "b"],
    ] as const) {
      const r = cli([...args], 0o022);
      expect(r.code).toBe(0);
      expect((statSync(join(work, out)).mode & 0o777).toString(8)).toBe("755");
      for (const f of readdirSync(join(work, out)))
        expect((statSync(join(work, out, f)).mode & 0o777).toString(8)).toBe("644");
    }
  });
});

describe("an --out that cannot be written is one line naming it and why, exit 2", () => {
  it("a parent that is a file (ENOTDIR)", () => {
    writeFileSync(join(work, "plain"), "x");
    for (const r of [compileTo("plain/out"), importTo("plain/out")]) {
      expectOneLine(r, /^emqx-acl: cannot write 'plain\/out': (a parent is not a directory|already exists)$/m);
    }
    expect(readFileSync(join(work, "plain"), "utf8")).toBe("x");
  });

  it("a place even root may not create a directory (EPERM in /sys)", () => {
    expectOneLine(
      compileTo("/sys/emqx-acl-out"),
      /^emqx-acl: cannot write '\/sys\/emqx-acl-out': (permission denied|read-only file system)$/m,
    );
    expectOneLine(
      importTo("/sys/emqx-acl-out"),
      /^emqx-acl: cannot write '\/sys\/emqx-acl-out': (permission denied|read-only file system)$/m,
    );
  });

  it("a directory without write permission (EACCES; as root, the CLI runs as nobody through setpriv)", () => {
    const dir = join(work, "locked");
    mkdirSync(dir, 0o500);
    const args = ["compile", "acl.conf", "--to", "mysql", "--emqx", "5", "--out", "locked/out"];
    let r: { code: number; stdout: string; stderr: string };
    if (process.getuid?.() !== 0) r = compileTo("locked/out");
    else {
      chmodSync(work, 0o755); // nobody must reach the input; `locked` stays root's, read-only
      const run = spawnSync(
        "setpriv",
        ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, cliBin, ...args],
        { cwd: work, encoding: "utf8" },
      );
      if (run.error) throw new Error(`setpriv (util-linux) is needed to test EACCES as root: ${run.error.message}`);
      r = { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
    }
    expectOneLine(r, /^emqx-acl: cannot write 'locked\/out': permission denied$/m);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });
});

/** A tmpfs mounted with `options` and seeded (root in a container that allows mounts), or null. */
function tmpfs(options: string, seed: (at: string) => void): string | null {
  if (process.getuid?.() !== 0) return null;
  const at = mkdtempSync(join(tmpdir(), "emqx-acl-tmpfs-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", at], { stdio: "pipe" });
  } catch {
    rmdirSync(at);
    return null;
  }
  seed(at);
  return at;
}

function unmount(at: string | null): void {
  if (at === null) return;
  execFileSync("umount", [at], { stdio: "pipe" });
  rmdirSync(at);
}

const escape = (p: string) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

describe("every command that writes: an I/O failure is one line with the path and the OS reason, exit 2", () => {
  // read-only after seeding: a file to format, no room for a new directory
  const ro = tmpfs("size=64k", (at) => {
    mkdirSync(join(at, "etc"));
    writeFileSync(join(at, "etc", "acl.conf"), '{allow,all,publish,["a"]}.\n');
    execFileSync("mount", ["-o", "remount,ro", at], { stdio: "pipe" });
  });
  // a config directory on a file system with room for little more than what it holds
  const small = tmpfs("size=16k", (at) => {
    mkdirSync(join(at, "etc"));
    writeFileSync(join(at, "etc", "emqx.conf"), "node.name = emqx@127.0.0.1\n");
    writeFileSync(join(at, "etc", "seed.sql"), "-- the seed in use\n");
  });
  afterAll(() => {
    unmount(ro);
    unmount(small);
  });

  it.skipIf(small === null)(
    "a disk that fills while writing leaves the directory as it was (the files go to a temporary directory first)",
    () => {
      const rules = Array.from(
        { length: 400 },
        (_, i) => `{allow, {username, "user-${i}"}, publish, ["devices/${i}/#"]}.`,
      ).join("\n");
      writeFileSync(join(work, "many.conf"), `${rules}\n`);
      const dir = join(small!, "etc");
      const before = snapshot(dir);
      const r = cli(["compile", "many.conf", "--to", "mysql", "--emqx", "5", "--out", dir, "--force"]);
      expectOneLine(r, new RegExp(`^emqx-acl: cannot write '${escape(dir)}': no space left on device$`, "m"));
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it.skipIf(ro === null)("a read-only file system: compile --out, import --out, fmt --force", () => {
    const erofs = (p: string) => new RegExp(`^emqx-acl: cannot write '${escape(p)}': read-only file system$`, "m");
    expectOneLine(compileTo(join(ro!, "new")), erofs(join(ro!, "new")));
    expectOneLine(importTo(join(ro!, "new")), erofs(join(ro!, "new")));
    expectOneLine(cli(["fmt", "--force", join(ro!, "etc", "acl.conf")]), erofs(join(ro!, "etc", "acl.conf")));
    const plain = cli(["fmt", join(ro!, "etc", "acl.conf")]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe(`${join(ro!, "etc", "acl.conf")}: read-only; not written (--force rewrites it)\n`);
    expect(readFileSync(join(ro!, "etc", "acl.conf"), "utf8")).toBe('{allow,all,publish,["a"]}.\n');
  });

  it("a full disk under stdout (lint, compile, import): the reason in words, not an errno code", () => {
    for (const args of [
      ["lint", "acl.conf"],
      ["compile", "acl.conf", "--to", "json", "--emqx", "5"],
      ["import", "--from", "emqx-api", "requests.json", "--emqx", "5"],
    ]) {
      const full = openSync("/dev/full", "w");
      try {
        const r = spawnSync(process.execPath, [cliBin, ...args], {
          cwd: work,
          encoding: "utf8",
          stdio: ["ignore", full, "pipe"],
        });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/^emqx-acl: cannot write the output: no space left on device$/m);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      } finally {
        closeSync(full);
      }
    }
  });
});
