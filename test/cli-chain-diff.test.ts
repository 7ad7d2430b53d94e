/**
 * `diff --config OLD --config NEW` through the built CLI: a changed no_match (newly
 * allowed: exit 1), a moved source, the 5 → 6 upgrade with no_match unset; every witness
 * is decided again with `check --config` on both configurations and must change as the
 * class says. Usage errors exit 2.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const ex = join(repoRoot, "examples", "chain");
const dir = mkdtempSync(join(tmpdir(), "emqxacl-chain-diff-"));
const base = readFileSync(join(ex, "emqx.conf"), "utf8");
const MYSQL = base.slice(base.indexOf("    {\n      type = mysql"), base.indexOf("    }\n  ]") + 6);

interface DiffClassJson {
  from: { decision: string; stage: unknown };
  to: { decision: string; stage: unknown };
  witness: Record<string, unknown>;
  takesEffect: string;
}

function diff(args: string[]) {
  const r = runBuiltCli(["diff", ...args, "--source-rules", "mysql=seed.sql", "--format", "json"], { cwd: dir });
  return {
    code: r.code,
    stderr: r.stderr,
    out: r.stdout
      ? (JSON.parse(r.stdout) as {
          newlyAllowed: DiffClassJson[];
          newlyDenied: DiffClassJson[];
          sampled: number;
          proved: string;
        })
      : null,
  };
}

/** The witness decided by `check --config` on a configuration. */
function decide(conf: string, witness: Record<string, unknown>, engine?: string) {
  const r = runBuiltCli(
    ["check", "--config", conf, ...(engine ? ["--engine", engine] : []), "--source-rules", "mysql=seed.sql", "-"],
    { cwd: dir, input: `${JSON.stringify(witness)}\n` },
  );
  expect(r.code, r.stderr).toBe(0);
  const { decision, stage } = JSON.parse(r.stdout);
  return { decision, stage };
}

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
  for (const f of ["acl.conf", "seed.sql", "emqx.conf"]) copyFileSync(join(ex, f), join(dir, f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("diff --config OLD --config NEW (built CLI)", () => {
  it("no_match deny → allow newly allows what no source answers: exit 1, the witness confirmed by check", () => {
    const allow = write("allow.conf", base.replace("no_match = deny", "no_match = allow"));
    const r = diff(["--config", "emqx.conf", "--config", allow]);
    expect(r.code).toBe(1);
    expect(r.out!.newlyAllowed).toHaveLength(1);
    const c = r.out!.newlyAllowed[0];
    expect([c.from, c.to]).toEqual([
      { decision: "deny", stage: "no_match" },
      { decision: "allow", stage: "no_match" },
    ]);
    expect(decide("emqx.conf", c.witness)).toEqual(c.from);
    expect(decide(allow, c.witness)).toEqual(c.to);
    expect(c.takesEffect).toMatch(/drains the authorization caches on a configuration update.*cache ttl 1m/);
    expect(r.out!.proved).toMatch(/that no other request changes is not proved/);
  });

  it("moving the mysql source before a file source that allows sensors/# newly denies sensor1's other topics", () => {
    write("wide.acl", `{allow, all, publish, ["sensors/#"]}.\n`);
    const sources = (order: string[]) =>
      `authorization {\n  no_match = deny\n  sources = [\n${order.join("\n")}\n  ]\n}\n`;
    const file = `    { type = file, path = "wide.acl" }`;
    const old = write("file-first.conf", sources([file, MYSQL]));
    const moved = write("mysql-first.conf", sources([MYSQL, file]));
    const r = diff(["--config", old, "--config", moved]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out!.newlyAllowed).toEqual([]);
    expect(r.out!.newlyDenied.map((c) => [c.from.stage, c.to.stage])).toEqual([
      [
        { source: 1, type: "file", rule: 1 },
        { source: 1, type: "mysql", rule: 2 },
      ],
    ]);
    const w = r.out!.newlyDenied[0].witness;
    expect([w.username, w.action]).toEqual(["sensor1", "publish"]);
    expect(decide(old, w).decision).toBe("allow");
    expect(decide(moved, w).decision).toBe("deny");
    // and back: newly allowed, exit 1
    expect(diff(["--config", moved, "--config", old]).code).toBe(1);
  });

  it("the 5 → 6 upgrade with no_match unset newly denies through the default; subscriptions wait for a resubscribe", () => {
    const v5 = write("v5.conf", base.replace("  no_match = deny\n", ""));
    const r = diff(["--config", v5, "--config", v5, "--engine", "v5", "--engine-new", "v6"]);
    expect(r.code).toBe(0);
    expect(r.out!.newlyDenied.map((c) => [c.from, c.to])).toEqual([
      [
        { decision: "allow", stage: "no_match" },
        { decision: "deny", stage: "no_match" },
      ],
    ]);
    const w = { ...r.out!.newlyDenied[0].witness, action: "subscribe" };
    expect(decide(v5, w, "v5").decision).toBe("allow");
    expect(decide(v5, w, "v6").decision).toBe("deny");
  });

  it("prints classes with their witness and when they take effect (pretty)", () => {
    const allow = write("allow2.conf", base.replace("no_match = deny", "no_match = allow"));
    const r = runBuiltCli(["diff", "--config", allow, "--config", "emqx.conf", "--source-rules", "mysql=seed.sql"], {
      cwd: dir,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^allow2\.conf → emqx\.conf: \d+ requests decided on both chains\nnewly denied \(1 class\):\n  allow \(no_match\) → deny \(no_match\): e\.g\. /,
    );
    expect(r.stdout).toMatch(/takes effect: every (PUBLISH|SUBSCRIBE) after the change is applied/);
  });

  it("a configuration EMQX refuses: its reasons with file:line:col, exit 1, nothing compared", () => {
    const bad = write("bad.conf", base.replace("no_match = deny", "no_match = maybe"));
    const r = runBuiltCli(["diff", "--config", "emqx.conf", "--config", bad, "--source-rules", "mysql=seed.sql"], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /bad\.conf:4:\d+: authorization\.no_match must be allow or deny\nbad\.conf: EMQX refuses this configuration/,
    );
  });

  it("usage: --config once, or with acl files, exits 2", () => {
    expect(runBuiltCli(["diff", "--config", "emqx.conf"], { cwd: dir }).code).toBe(2);
    expect(runBuiltCli(["diff", "--config", "emqx.conf", "--config", "emqx.conf", "acl.conf"], { cwd: dir }).code).toBe(
      2,
    );
    expect(
      runBuiltCli(["diff", "acl.conf", "acl.conf", "--source-rules", "mysql=seed.sql", "--engine", "v5"], { cwd: dir })
        .code,
    ).toBe(2);
  });
});
