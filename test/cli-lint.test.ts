/**
 * `emqx-acl lint` end to end: the built bundle, spawned as users run it. Every format, every
 * exit code, unreadable inputs, stdin, --max-warnings, --config, and a file whose syntax
 * error does not stop the later terms from being checked.
 */
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { validateSarif } from "../packages/cli/src/reporters/sarif-schema.test-support";
import { repoRoot } from "./support/shared";

const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");
const work = mkdtempSync(join(tmpdir(), "emqx-acl-lint-"));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the test worker (a busy machine must not stall vitest). */
function run(
  cmd: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd ?? work, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

function lint(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  return run(process.execPath, [bin, "lint", ...args], {
    input: options.input,
    env: { ...process.env, NO_COLOR: "", ...options.env },
  });
}

const execFileAsync = promisify(execFile);

function file(name: string, text: string): string {
  writeFileSync(join(work, name), text);
  return name;
}

/** One line, no stack trace. */
function expectOneLineError(r: Run, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

const CLEAN = '{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.\n{deny, all}.\n';
const BROKEN_V5 = '{allow, all, publish, ["a"]}.\n{allow, all, pubsub, ["b"]}.\n{deny, all}.\n';
/** v5 syntax with a v4 placeholder: a warning (dialect-mixed), no error. */
const WARNS = '{allow, {username, "a"}, publish, ["x/%u"]}.\n{deny, all}.\n';
/** A syntax error in term 2 and another in term 4: recovery reaches the later terms. */
const TWO_SYNTAX_ERRORS =
  '{allow, all, publish, ["a"]}.\n{deny, all, publish, ["b"}.\n{allow, all}.\n{allow, {and, [all]}, publish, ["c"]}.\n';

beforeAll(async () => {
  await execFileAsync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot });
  file("clean.conf", CLEAN);
  file("broken.conf", BROKEN_V5);
  file("warns.conf", WARNS);
  file("syntax.conf", TWO_SYNTAX_ERRORS);
  mkdirSync(join(work, "a-directory"), { recursive: true });
});

describe.concurrent("exit codes", () => {
  it("0 for a clean file, with a summary", async () => {
    const r = await lint(["--dialect", "v5", "clean.conf"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("no problems in 1 file");
  });

  it("1 when there is an error", async () => {
    const r = await lint(["--dialect", "v5", "clean.conf", "broken.conf"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("broken.conf:2:14  error  ");
    expect(r.stdout).toContain("schema-invalid-action");
    expect(r.stdout).toContain('  2 | {allow, all, pubsub, ["b"]}.\n    |              ^^^^^^');
    expect(r.stdout).toMatch(/1 problem \(1 error, 0 warnings, 0 infos\) in 2 files\n$/);
  });

  it("2 for a missing file, a directory without acl files, and nothing is reported", async () => {
    const [missing, directory, mixed] = await Promise.all([
      lint(["nope.conf"]),
      lint(["a-directory"]),
      lint(["clean.conf", "nope.conf"]),
    ]);
    expectOneLineError(missing, /^emqx-acl: cannot read 'nope\.conf': no such file$/);
    expectOneLineError(
      directory,
      /^emqx-acl: no acl files \(acl\.conf, \*\.acl\.conf, \*-acl\.conf, \*_acl\.conf\) under 'a-directory'$/,
    );
    expectOneLineError(mixed, /^emqx-acl: cannot read 'nope\.conf': no such file$/);
  });

  it("2 for unknown options, bad values and no files", async () => {
    const bad = [
      ["--frobnicate", "clean.conf"],
      ["--format", "xml", "clean.conf"],
      ["--dialect", "v3", "clean.conf"],
      ["--max-warnings", "-1", "clean.conf"],
      ["--max-warnings", "many", "clean.conf"],
      [],
    ];
    const runs = await Promise.all(bad.map((args) => lint(args)));
    expect(runs.map((r) => r.code)).toEqual(bad.map(() => 2));
    expect(runs[0].stderr).toMatch(/unknown option '--frobnicate'/);
  });

  it("--max-warnings: warnings pass until there are more than N", async () => {
    const json = JSON.parse((await lint(["--format", "json", "warns.conf"])).stdout);
    const warnings = json.summary.warnings as number;
    expect(json.summary.errors).toBe(0);
    expect(warnings).toBeGreaterThan(0);
    const codes = await Promise.all(
      [
        ["warns.conf"],
        ["--max-warnings", String(warnings), "warns.conf"],
        ["--max-warnings", String(warnings - 1), "warns.conf"],
      ].map(async (args) => (await lint(args)).code),
    );
    expect(codes).toEqual([0, 0, 1]); // unlimited by default; N passes; N - 1 fails
  });
});

describe.concurrent("formats", () => {
  it("json: stable shape, 1-based ranges, dialect and note", async () => {
    const r = await lint(["--format", "json", "--dialect", "v5", "broken.conf"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
    expect(out.files).toHaveLength(1);
    expect(out.files[0]).toMatchObject({ path: "broken.conf", dialect: "v5", dialectNote: null });
    expect(out.files[0].diagnostics).toEqual([
      {
        id: "schema-invalid-action",
        severity: "error",
        message: expect.any(String),
        range: { start: { line: 2, column: 14 }, end: { line: 2, column: 20 } },
        term: 2,
      },
    ]);
    const auto = JSON.parse((await lint(["--format", "json", "clean.conf"])).stdout).files[0];
    expect(auto.dialect).toMatch(/^v[456]$/);
    expect(typeof auto.dialectNote).toBe("string");
  });

  it("sarif: a 2.1.0 log with rules, results and fingerprints", async () => {
    const r = await lint(["--format", "sarif", "--dialect", "v5", "broken.conf", "clean.conf"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe("emqx-acl");
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(["schema-invalid-action"]);
    expect(run.results).toHaveLength(1);
    expect(run.results[0]).toMatchObject({
      ruleId: "schema-invalid-action",
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "broken.conf" },
            region: { startLine: 2, startColumn: 14, endLine: 2, endColumn: 20 },
          },
        },
      ],
    });
    expect(Object.values(run.results[0].partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}:1$/);
  });

  it("sarif: the real rule catalogue, related locations and fixes still validate", async () => {
    const r = await lint([
      "--format",
      "sarif",
      "--dialect",
      "v5",
      join(repoRoot, "examples", "v5-default.acl.conf"),
      join(repoRoot, "examples", "v5-multi-tenant.acl.conf"),
    ]);
    const log = JSON.parse(r.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      shortDescription: { text: string };
      helpUri: string;
    }[];
    const finalAllowAll = rules.find((x) => x.id === "final-allow-all");
    expect(finalAllowAll?.shortDescription.text).not.toBe("final-allow-all"); // from the catalogue, not the fallback
    expect(
      log.runs[0].results.some((x: { relatedLocations?: unknown[] }) => (x.relatedLocations ?? []).length > 0),
    ).toBe(true);
  });

  it("github: one workflow command per finding", async () => {
    const r = await lint(["--format", "github", "--dialect", "v5", "broken.conf", "warns.conf"]);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `::error file=broken.conf,line=2,col=14,endLine=2,endColumn=19,title=schema-invalid-action::${JSON.parse((await lint(["--format", "json", "--dialect", "v5", "broken.conf"])).stdout).files[0].diagnostics[0].message.replace(/%/g, "%25")}`,
    );
    expect(
      lines.every((l) =>
        /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::/.test(l),
      ),
    ).toBe(true);
  });

  it("pretty: no colours when stdout is not a terminal", async () => {
    expect((await lint(["--dialect", "v5", "broken.conf"])).stdout).not.toContain("\u001b[");
  });

  it("pretty: colours on a terminal unless NO_COLOR is set (util-linux script gives a pty)", async () => {
    const onTty = async (env: NodeJS.ProcessEnv) =>
      (
        await run("script", ["-qec", `"${process.execPath}" "${bin}" lint --dialect v5 broken.conf`, "/dev/null"], {
          env,
        })
      ).stdout;
    const { NO_COLOR: _ignored, ...withoutNoColor } = process.env;
    expect(await onTty(withoutNoColor)).toContain("\u001b[31merror\u001b[0m");
    const plain = await onTty({ ...process.env, NO_COLOR: "1" });
    expect(plain).not.toContain("\u001b[");
    expect(plain).toContain("broken.conf:2:14  error");
  });
});

describe.concurrent("inputs", () => {
  it("reads - from standard input and names it <stdin>", async () => {
    const r = await lint(["--format", "json", "--dialect", "v5", "-"], { input: BROKEN_V5 });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.files[0].path).toBe("<stdin>");
    expect(out.files[0].diagnostics.map((d: { id: string }) => d.id)).toEqual(["schema-invalid-action"]);
  });

  it("reads a pipe that is not a regular file (/dev/stdin)", async () => {
    const r = await lint(["--dialect", "v5", "/dev/stdin"], { input: CLEAN });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("no problems in 1 file");
  });

  it("reads bytes: invalid UTF-8 is an error with a position, not a crash", async () => {
    writeFileSync(
      join(work, "latin1.conf"),
      Buffer.concat([Buffer.from('{allow, all, publish, ["caf'), Buffer.from([0xe9]), Buffer.from('"]}.\n')]),
    );
    const r = await lint(["--format", "json", "latin1.conf"]);
    expect(r.code).toBe(1);
    const [d] = JSON.parse(r.stdout).files[0].diagnostics;
    expect(d.id).toMatch(/^syntax-/);
    expect(d.range.start.line).toBe(1);
    // the same bytes under a latin-1 magic comment are a file EMQX loads
    writeFileSync(
      join(work, "declared.conf"),
      Buffer.concat([
        Buffer.from('%% coding: latin-1\n{allow, all, publish, ["caf'),
        Buffer.from([0xe9]),
        Buffer.from('"]}.\n'),
      ]),
    );
    const ok = JSON.parse((await lint(["--format", "json", "--dialect", "v5", "declared.conf"])).stdout).files[0];
    expect(ok.diagnostics.filter((x: { severity: string }) => x.severity === "error")).toEqual([]);
  });

  it("a syntax error does not stop later terms from being checked", async () => {
    const out = JSON.parse((await lint(["--format", "json", "--dialect", "v4", "syntax.conf"])).stdout);
    const found = out.files[0].diagnostics.map(
      (d: { id: string; term: number; range: { start: { line: number } } }) => [d.id, d.term, d.range.start.line],
    );
    expect(found).toEqual([
      [expect.stringMatching(/^syntax-/), 2, 2],
      ["syntax-reserved-word", 4, 4],
    ]);
  });

  it("--config supplies the dialect, and a broken config is a one-line error with its position", async () => {
    file("v4.json", '{"dialect": "v4"}');
    const out = JSON.parse((await lint(["--format", "json", "--config", "v4.json", "clean.conf"])).stdout);
    expect(out.files[0].dialect).toBe("v4");
    file("bad.json", '{\n  "dialect": "v4",\n}');
    expectOneLineError(await lint(["--config", "bad.json", "clean.conf"]), /^emqx-acl: bad\.json:3:1: invalid JSON/);
    expectOneLineError(
      await lint(["--config", "none.json", "clean.conf"]),
      /^emqx-acl: cannot read 'none\.json': no such file$/,
    );
  });
});

describe.concurrent("--config rule settings", () => {
  it("turns lint rules off or down to info, and --max-warnings counts what is left", async () => {
    file("allow-all.conf", '{allow, {username, "a"}, publish, ["x"]}.\n{allow, all}.\n');
    const before = JSON.parse((await lint(["--format", "json", "--dialect", "v5", "allow-all.conf"])).stdout);
    expect(before.files[0].diagnostics.map((d: { id: string }) => d.id)).toContain("final-allow-all");
    file(
      "quiet.json",
      JSON.stringify({ dialect: "v5", rules: { "final-allow-all": "off", "rule-redundant": "info" } }),
    );
    const r = await lint(["--format", "json", "--config", "quiet.json", "--max-warnings", "0", "allow-all.conf"]);
    const after = JSON.parse(r.stdout);
    const ids = after.files[0].diagnostics.map((d: { id: string; severity: string }) => `${d.id}:${d.severity}`);
    expect(ids).not.toContainEqual(expect.stringMatching(/^final-allow-all:/));
    expect(ids.filter((x: string) => x.startsWith("rule-redundant:"))).toEqual(
      before.files[0].diagnostics.some((d: { id: string }) => d.id === "rule-redundant") ? ["rule-redundant:info"] : [],
    );
    expect(after.summary.warnings).toBe(0);
    expect(r.code).toBe(0);
  });

  it("a config cannot hide what EMQX refuses to load", async () => {
    file("loud.json", JSON.stringify({ rules: { "schema-invalid-action": "off" } }));
    const r = await lint(["--format", "json", "--dialect", "v5", "--config", "loud.json", "broken.conf"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.errors).toBe(1);
  });
});

describe.concurrent("launch", () => {
  it("a reader that stops early (| head) ends lint quietly, with its exit code", async () => {
    file(
      "many.conf",
      Array.from({ length: 3000 }, (_, i) => `{allow, {username, "u${i}"}, pubsub, ["t/${i}"]}.\n`).join(""),
    );
    const r = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [bin, "lint", "--dialect", "v5", "many.conf"], { cwd: work });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
      child.stdout.once("data", () => child.stdout.destroy());
      child.on("close", (code) => resolve({ code, stdout: "", stderr }));
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
  });

  it("--version and --help exit 0", async () => {
    const version = JSON.parse(readFileSync(join(repoRoot, "packages", "cli", "package.json"), "utf8")).version;
    expect((await execFileAsync(process.execPath, [bin, "--version"])).stdout.trim()).toBe(version);
    expect((await execFileAsync(process.execPath, [bin, "lint", "--help"])).stdout).toContain("--max-warnings");
  });

  it("pnpm exec emqx-acl --version works", async () => {
    const pinned = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).packageManager as string;
    const hasPnpm = (await run("pnpm", ["--version"], { cwd: repoRoot }).catch(() => ({ code: 1 }))).code === 0;
    const [cmd, args] = hasPnpm
      ? ["pnpm", ["exec", "emqx-acl", "--version"]]
      : ["npx", ["--yes", pinned, "exec", "emqx-acl", "--version"]];
    const r = await run(cmd, args, { cwd: repoRoot });
    expect(r.stderr).not.toMatch(/ERR_|not found/);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("large files", () => {
  /** Rules that share users and topics, so the exact checks have work to do. */
  const fleetLike = (n: number) => {
    const lines: string[] = [];
    for (let i = 0; i < n; i++)
      lines.push(
        `{allow, {username, "user${i % 97}"}, ${["publish", "subscribe", "all"][i % 3]}, ["devices/\${clientid}/${i % 5}/#", "users/\${username}/#"]}.`,
      );
    return `${lines.join("\n")}\n{deny, all}.\n`;
  };

  it("stops cleanly, with where and how much, when the heap nears its limit (no native trace)", async () => {
    const name = file("big.acl.conf", fleetLike(3000));
    // the guard is told the heap is 1 MB: it stops at its first reading
    const r = await lint(["--dialect", "v5", "--format", "json", name], { env: { EMQX_ACL_TEST_HEAP_LIMIT_MB: "1" } });
    expectOneLineError(
      r,
      /^emqx-acl: big\.acl\.conf: out of memory during (reachability|redundancy|conflicts), rule [\d,]+ of 3,001: the analysis used [\d.]+ GB of Node's 0\.0 GB heap; run it with a larger heap, e\.g\. NODE_OPTIONS=--max-old-space-size=1024$/,
    );
    expect(r.stderr).not.toMatch(/FATAL|Native stack/);
  });

  it("the same file lints to the end with the real heap", async () => {
    const r = await lint(["--dialect", "v5", "--format", "json", file("big2.acl.conf", fleetLike(3000))]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout).files[0].diagnostics.some((d: { id: string }) => d.id === "rule-redundant")).toBe(true);
  });
});
