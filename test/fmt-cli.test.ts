/** `emqx-acl fmt` end to end over real files in a temporary directory. */
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdtempSync,
  symlinkSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runFmt } from "../packages/cli/src/commands/fmt";
import { UsageError } from "../packages/cli/src/usage-error";

let dir: string;
let out: string;
let err: string;
const io = () => ({ stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "emqx-acl-fmt-"));
  out = "";
  err = "";
});

describe("emqx-acl fmt", () => {
  it("--check lists files that would change, exits 1 and writes nothing", () => {
    const messy = file("messy.acl.conf", '{allow,all,subscribe,["a"]}.\n');
    const clean = file("clean.acl.conf", "{deny, all}.\n");
    expect(runFmt([messy, clean], { check: true }, io())).toBe(1);
    expect(out).toBe(`${messy}\n`);
    expect(readFileSync(messy, "utf8")).toBe('{allow,all,subscribe,["a"]}.\n');
    expect(runFmt([clean], { check: true }, io())).toBe(0);
  });

  it("rewrites in place, keeps the file mode, leaves no temporary file, and is then clean", () => {
    const p = file("acl.conf", '%% c\n{allow,{username,"u"},publish,["t/${username}"]}. % why\n');
    chmodSync(p, 0o640);
    expect(runFmt([p], {}, io())).toBe(0);
    expect(readFileSync(p, "utf8")).toBe('%% c\n{allow, {username, "u"}, publish, ["t/${username}"]}. % why\n');
    expect(statSync(p).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["acl.conf"]);
    out = "";
    expect(runFmt([p], { check: true }, io())).toBe(0);
    expect(out).toBe("");
  });

  it("leaves a file with syntax errors untouched and says where", () => {
    const p = file("bad.conf", "{allow, all}.\n{deny, all\n");
    expect(runFmt([p], {}, io())).toBe(1);
    expect(readFileSync(p, "utf8")).toBe("{allow, all}.\n{deny, all\n");
    expect(err).toMatch(new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: not formatted`));
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("keeps a latin-1 file in latin-1", () => {
    const p = file(
      "l1.conf",
      Buffer.from('%% coding: latin-1\n{allow,{username,"j\xfcrgen"},publish,["t"]}.\n', "latin1"),
    );
    expect(runFmt([p], {}, io())).toBe(0);
    expect(readFileSync(p)).toEqual(
      Buffer.from('%% coding: latin-1\n{allow, {username, "j\xfcrgen"}, publish, ["t"]}.\n', "latin1"),
    );
  });

  it("formats standard input to standard output", () => {
    const r = runFmt(["-"], {}, { ...io(), readStdin: () => Buffer.from("{deny,all}.") });
    expect(r).toBe(0);
    expect(out).toBe("{deny, all}.\n");
  });

  it("stops with a usage error before writing anything when a file is missing", () => {
    const p = file("a.conf", "{deny,all}.\n");
    expect(() => runFmt([p, join(dir, "missing.conf")], {}, io())).toThrow(UsageError);
    expect(readFileSync(p, "utf8")).toBe("{deny,all}.\n");
  });
});

describe("emqx-acl fmt keeps what the user has (issue 18)", () => {
  const messyText = '{allow,all,subscribe,["a"]}.\n';

  it("refuses a read-only file unless --force, and keeps it read-only when forced", () => {
    const p = file("ro.conf", messyText);
    chmodSync(p, 0o444);
    expect(runFmt([p], {}, io())).toBe(2);
    expect(readFileSync(p, "utf8")).toBe(messyText);
    expect(err).toBe(`${p}: read-only; not written (--force rewrites it)\n`);
    err = "";
    expect(runFmt([p], { force: true }, io())).toBe(0);
    expect(readFileSync(p, "utf8")).toBe('{allow, all, subscribe, ["a"]}.\n');
    expect(statSync(p).mode & 0o777).toBe(0o444);
    expect(runFmt([p], { check: true }, io())).toBe(0);
  });

  it("keeps hard links: every name still shows the formatted file", () => {
    const p = file("linked.conf", messyText);
    const other = join(dir, "other-name.conf");
    linkSync(p, other);
    expect(runFmt([p], {}, io())).toBe(0);
    expect(statSync(p).ino).toBe(statSync(other).ino);
    expect(statSync(p).nlink).toBe(2);
    expect(readFileSync(other, "utf8")).toBe('{allow, all, subscribe, ["a"]}.\n');
    expect(readdirSync(dir).sort()).toEqual(["linked.conf", "other-name.conf"]);
  });

  for (const linked of [false, true]) {
    it(`leaves a file edited while it is formatted untouched and exits 2${linked ? " (hard-linked)" : ""}`, () => {
      const p = file("edited.conf", messyText);
      if (linked) linkSync(p, join(dir, "second.conf"));
      const edit = "%% the user's edit\n{deny, all}.\n";
      const r = runFmt([p], {}, { ...io(), beforeWrite: (path: string) => writeFileSync(path, edit) });
      expect(r).toBe(2);
      expect(readFileSync(p, "utf8")).toBe(edit);
      expect(err).toBe(`${p}: changed while formatting; not written\n`);
      expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    });
  }

  it("sees an edit of the same size and time too (content is compared)", () => {
    const p = file("same-size.conf", messyText);
    const before = statSync(p);
    const edit = messyText.replace("a", "b");
    const r = runFmt(
      [p],
      {},
      {
        ...io(),
        beforeWrite: (path: string) => {
          writeFileSync(path, edit);
          utimesSync(path, before.atime, before.mtime);
        },
      },
    );
    expect(r).toBe(2);
    expect(readFileSync(p, "utf8")).toBe(edit);
  });
});

describe("emqx-acl fmt keeps links and modes", () => {
  it("formats the file a symlink points at and leaves the link a link", () => {
    const real = file("real.conf", '{allow,all,subscribe,["a"]}.\n');
    const link = join(dir, "link.conf");
    symlinkSync("real.conf", link);
    expect(runFmt([link], {}, io())).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe('{allow, all, subscribe, ["a"]}.\n');
    expect(readdirSync(dir).sort()).toEqual(["link.conf", "real.conf"]);
  });

  it("keeps a group/world-writable mode whatever the umask", () => {
    const p = file("shared.conf", "{deny,all}.\n");
    chmodSync(p, 0o666);
    const old = process.umask(0o022);
    try {
      expect(runFmt([p], {}, io())).toBe(0);
    } finally {
      process.umask(old);
    }
    expect(statSync(p).mode & 0o777).toBe(0o666);
  });

  it("keeps the owner and group when it may (root formatting a user's file)", () => {
    const p = file("owned.conf", "{deny,all}.\n");
    // only root can hand a file to another user; anyone else checks their own ids are kept
    const owner = process.getuid!() === 0 ? [4321, 4322] : [process.getuid!(), process.getgid!()];
    chownSync(p, owner[0], owner[1]);
    expect(runFmt([p], {}, io())).toBe(0);
    expect([statSync(p).uid, statSync(p).gid]).toEqual(owner);
  });
});
