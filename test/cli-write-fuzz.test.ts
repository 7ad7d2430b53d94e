/**
 * Issue 16: every command that writes files (compile --out, import --out, fmt), fed hostile
 * file names and option values (line breaks, quotes, backticks, `;`, `$(…)`, `%`, `#`, bidi
 * overrides; NUL cannot be in a file name), writes files that parse in their own format and
 * hold nothing the tool did not mean to write: the hostile text appears only inside that
 * format's comments or strings. Each name carries a marker so any leak is found wherever
 * it lands.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHocon, parseDocument, type ConfigValue } from "../packages/syntax/src/index";
import { runBuiltCli } from "./support/cli";

const NAMES = [
  "a\nINJ DROP TABLE canary; --",
  'b"INJ" ; {allow, all}.',
  "c`INJ`$(touch pwned)",
  "d'INJ' OR '1'='1",
  "e;INJ;\r\n# injected = true",
  "f %% INJ {allow, all}.\r",
  "g\u202eINJ\u202c",
  "h\\INJ\\n\\",
  "i *) INJ (* -->",
];
// every target expresses these (Redis reads rules by username)
const ACL =
  '{allow, {username, "u1"}, publish, ["a/#"]}.\n{allow, {username, "u2"}, subscribe, ["b/+"]}.\n{deny, all}.\n';
const TARGETS = ["mysql", "postgresql", "redis", "mongodb", "emqx-api", "acl", "json"] as const;

/** A RESP stream: arrays of bulk strings only, consumed exactly; returns the commands. */
function parseResp(buf: Buffer): string[][] {
  const out: string[][] = [];
  let i = 0;
  const line = () => {
    const end = buf.indexOf("\r\n", i);
    if (end < 0) throw new Error(`RESP: no line end at ${i}`);
    const s = buf.toString("latin1", i, end);
    i = end + 2;
    return s;
  };
  while (i < buf.length) {
    const head = line();
    if (!/^\*\d+$/.test(head)) throw new Error(`RESP: expected an array at ${i}: ${JSON.stringify(head)}`);
    const cmd: string[] = [];
    for (let n = Number(head.slice(1)); n > 0; n--) {
      const len = line();
      if (!/^\$\d+$/.test(len)) throw new Error(`RESP: expected a bulk string: ${JSON.stringify(len)}`);
      const size = Number(len.slice(1));
      cmd.push(buf.toString("latin1", i, i + size));
      i += size;
      if (buf.toString("latin1", i, i + 2) !== "\r\n") throw new Error("RESP: bulk string not terminated");
      i += 2;
    }
    out.push(cmd);
  }
  return out;
}

/** The lines holding the marker that are not comments of the format (must be none). */
function leaks(text: string, comment: RegExp): string[] {
  return text.split(/\r\n|\r|\n/).filter((l) => l.includes("INJ") && !comment.test(l));
}

/** Checks one written file in its own format. */
function checkFile(path: string, name: string): void {
  const bytes = readFileSync(path);
  const text = bytes.toString("utf8");
  if (name.endsWith(".json")) {
    expect(() => JSON.parse(text), path).not.toThrow();
  } else if (name.endsWith(".sql")) {
    expect(leaks(text, /^-- /), path).toEqual([]);
  } else if (name === "authz-source.conf") {
    // HOCON that loads, with only `authorization` at the top; hostile text only in comments
    // and quoted strings (the Redis key prefix is part of the cmd), never a key or bare value
    const conf = loadHocon(text, name);
    expect(conf.diagnostics, path).toEqual([]);
    expect([...conf.root.fields.keys()], path).toEqual(["authorization"]);
    const visit = (v: ConfigValue): void => {
      if (v.kind === "object")
        for (const [k, f] of v.fields) {
          expect(k, path).not.toContain("INJ");
          visit(f.value);
        }
      else if (v.kind === "array") v.items.forEach(visit);
      else if (v.value.includes("INJ")) expect(v.quoted, `${path}: ${v.value}`).toBe(true);
    };
    visit(conf.root);
  } else if (name.endsWith(".js")) {
    expect(leaks(text, /^\/\/ /), path).toEqual([]);
  } else if (name.endsWith(".resp")) {
    const cmds = parseResp(bytes);
    expect(cmds.length, path).toBeGreaterThan(0);
    expect(new Set(cmds.map((c) => c[0])), path).toEqual(new Set(["DEL", "HSET"]));
  } else if (name === "acl.conf") {
    const parsed = parseDocument(text);
    expect(parsed.diagnostics, path).toEqual([]);
    expect(parsed.forms).toHaveLength(3);
    for (const f of parsed.forms) expect(text.slice(f.start, f.end)).not.toContain("INJ");
  } else throw new Error(`unexpected file ${name}`);
}

describe("commands that write files, with hostile names and option values", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "emqx-acl-write-fuzz-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(NAMES.map((n, k) => [k, JSON.stringify(n), n]))(
    "compile to every target: file %s named %s",
    (k, _shown, name) => {
      const dir = join(work, `compile-${k}`);
      mkdirSync(dir);
      const file = `${name}.conf`;
      writeFileSync(join(dir, file), ACL);
      for (const to of TARGETS) {
        // the output directory is hostile too, and so are the table and key prefix
        const out = `out ${to} ${name}`;
        const extra = to === "redis" ? ["--key-prefix", `p:${name}\r\nFLUSHALL\r\n:`] : [];
        const r = runBuiltCli(["compile", file, "--to", to, "--emqx", "5", "--out", out, ...extra], { cwd: dir });
        expect(r.stderr, `${to}: ${r.stderr}`).not.toMatch(/\n\s+at /);
        expect(r.code, `${to}: ${r.stderr}`).toBe(0);
        const files = readdirSync(join(dir, out));
        expect(files.length, to).toBeGreaterThan(0);
        for (const f of files) checkFile(join(dir, out, f), f);
      }
      // nothing else appeared (a `$(touch pwned)` run by a shell would leave a file)
      expect(readdirSync(dir).filter((f) => !f.startsWith("out ") && f !== file)).toEqual([]);
    },
  );

  it.each(NAMES.map((n, k) => [k, JSON.stringify(n), n]))("fmt in place: file %s named %s", (k, _shown, name) => {
    const dir = join(work, `fmt-${k}`);
    mkdirSync(dir);
    const file = `${name}.conf`;
    const messy = ACL.replace(/, /g, ",").replace(/\n/g, "\n\n");
    writeFileSync(join(dir, file), messy);
    writeFileSync(join(work, `plain-${k}.conf`), messy);
    expect(runBuiltCli(["fmt", `plain-${k}.conf`], { cwd: work }).code).toBe(0);
    const r = runBuiltCli(["fmt", file], { cwd: dir });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code, r.stderr).toBe(0);
    // the file is rewritten in place, formatted, and nothing else is left in the directory
    expect(readdirSync(dir)).toEqual([file]);
    const text = readFileSync(join(dir, file), "utf8");
    expect(parseDocument(text).forms).toHaveLength(3);
    // formatted as a file with a plain name is
    expect(text).toBe(readFileSync(join(work, `plain-${k}.conf`), "utf8"));
    expect(text).not.toBe(messy);
  });

  it.each(NAMES.map((n, k) => [k, JSON.stringify(n), n]))(
    "import a seed file into --out: file %s named %s",
    (k, _shown, name) => {
      const dir = join(work, `import-${k}`);
      mkdirSync(dir);
      writeFileSync(join(dir, "plain.conf"), ACL);
      for (const from of ["mysql", "postgresql"]) {
        const made = runBuiltCli(["compile", "plain.conf", "--to", from, "--emqx", "5", "--out", `seed-${from}`], {
          cwd: dir,
        });
        expect(made.code, made.stderr).toBe(0);
        const seed = `${name}.${from}.sql`;
        writeFileSync(join(dir, seed), readFileSync(join(dir, `seed-${from}`, "seed.sql")));
        const out = `imported ${from} ${name}`;
        const r = runBuiltCli(["import", "--from", from, seed, "--emqx", "5", "--nomatch", "deny", "--out", out], {
          cwd: dir,
        });
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.code, r.stderr).toBe(0);
        expect(readdirSync(join(dir, out))).toEqual(["acl.conf"]);
        const text = readFileSync(join(dir, out, "acl.conf"), "utf8");
        const parsed = parseDocument(text);
        expect(parsed.diagnostics).toEqual([]);
        // the imported rules, and the name only in comments
        expect(parsed.forms.map((f) => text.slice(f.start, f.end)).join("\n")).not.toContain("INJ");
        expect(parsed.forms.length).toBeGreaterThanOrEqual(2);
        expect(leaks(text, /^%/)).toEqual([]);
      }
    },
  );
});
