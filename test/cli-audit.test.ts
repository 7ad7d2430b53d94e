/**
 * `emqx-acl audit` and `emqx-acl ports` end to end: the built bundle, spawned as users run
 * it, over the examples in examples/emqx-conf (the hardened ones get openssl-made certs).
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makePki } from "../packages/audit/src/pki.test-support";
import { repoRoot } from "./support/shared";

const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");
const work = mkdtempSync(join(tmpdir(), "emqx-acl-audit-"));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = work): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Copies an example EMQX home into the work dir; hardened ones get certificates. */
function example(name: string): string {
  const root = join(work, name);
  cpSync(join(repoRoot, "examples", "emqx-conf", name), root, { recursive: true });
  if (name.includes("hardened")) {
    const pki = makePki();
    mkdirSync(join(root, "etc/certs"), { recursive: true });
    copyFileSync(pki.caCert, join(root, "etc/certs/ca.pem"));
    copyFileSync(pki.nodeCert, join(root, "etc/certs/node.pem"));
    copyFileSync(pki.nodeKey, join(root, "etc/certs/node.key"));
  }
  return root;
}

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
  for (const n of ["v5-insecure", "v5-hardened", "v4-insecure", "v4-hardened"]) example(n);
});

describe("emqx-acl audit", () => {
  it("json: lint's shape, a file per place findings point into, exit 1", () => {
    const r = cli(["audit", "--format", "json", "etc/emqx.conf"], join(work, "v5-insecure"));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.files.map((f: { path: string }) => f.path)).toEqual([
      "etc/emqx.conf",
      "etc/ssl_dist.conf",
      "etc/acl.conf",
    ]);
    expect(out.files[0]).toMatchObject({ dialect: "v5", dialectNote: expect.stringMatching(/EMQX 5/) });
    const unknown = out.files[0].diagnostics.filter((d: { id: string }) => d.id === "rpc-unknown-key");
    expect(unknown.map((d: { range: { start: { line: number; column: number } } }) => d.range.start)).toEqual([
      { line: 17, column: 3 },
      { line: 18, column: 3 },
    ]);
    // 2 rpc-unknown-key + 3 dist-tls-file-missing; warnings include the acl file's lint results
    const all = out.files.flatMap((f: { diagnostics: { severity: string }[] }) => f.diagnostics);
    expect(out.summary).toEqual({
      errors: 5,
      warnings: all.filter((d: { severity: string }) => d.severity === "warning").length,
      infos: all.filter((d: { severity: string }) => d.severity === "info").length,
    });
    expect(out.summary.warnings).toBeGreaterThanOrEqual(10);
  });

  it("a hardened configuration: no problems, exit 0", () => {
    for (const name of ["v5-hardened", "v4-hardened"]) {
      const r = cli(["audit", join(name, "etc/emqx.conf")]);
      expect(r.stderr).toBe("");
      expect(r.code, r.stdout).toBe(0);
    }
  });

  it("pretty output has file:line:col and the id; sarif and github formats work", () => {
    const pretty = cli(["audit", "v4-insecure/etc/emqx.conf"]);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toMatch(
      /v4-insecure\/etc\/emqx\.conf:7:15 +warning +node\.cookie is the public default "emqxsecretcookie".*cookie-default/,
    );
    const sarif = JSON.parse(cli(["audit", "--format", "sarif", "v4-insecure/etc/emqx.conf"]).stdout);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain("authz-no-match-allow");
    const gh = cli(["audit", "--format", "github", "v4-insecure/etc/emqx.conf"]).stdout;
    expect(gh).toMatch(/^::error file=v4-insecure\/etc\/emqx\.conf,line=\d+/m);
  });

  it("--emqx forces the version; --ssl-dist-conf picks the dist options file", () => {
    const forced = JSON.parse(cli(["audit", "--format", "json", "--emqx", "6", "v5-insecure/etc/emqx.conf"]).stdout);
    expect(forced.files[0].dialect).toBe("v6");
    expect(forced.files[0].diagnostics.some((d: { id: string }) => d.id === "authz-no-match-allow")).toBe(false);
    writeFileSync(join(work, "empty-dist.conf"), "[].\n");
    const dist = JSON.parse(
      cli(["audit", "--format", "json", "--ssl-dist-conf", "empty-dist.conf", "v5-insecure/etc/emqx.conf"]).stdout,
    );
    const distFile = dist.files.find((f: { path: string }) => f.path === "empty-dist.conf");
    // an empty option list: neither side verifies peers (Erlang's default is verify_none)
    expect(distFile.diagnostics.map((d: { id: string; message: string }) => d.message)).toEqual([
      expect.stringMatching(/^server has no verify option/),
      expect.stringMatching(/^client has no verify option/),
    ]);
    expect(dist.files.some((f: { path: string }) => f.path.endsWith("ssl_dist.conf"))).toBe(false);
  });

  it("--emqx-env: EMQX_* variables override the file; an unreadable env file is exit 2", () => {
    writeFileSync(join(work, "weak.env"), "EMQX_NODE__COOKIE=emqxsecretcookie\n");
    const r = cli(["audit", "--format", "json", "--emqx-env", "weak.env", "v5-hardened/etc/emqx.conf"]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.files.map((f: { path: string }) => f.path)).toEqual(["v5-hardened/etc/emqx.conf", "weak.env"]);
    expect(out.files[1].diagnostics.map((d: { id: string }) => d.id)).toEqual(["cookie-default"]);
    expect(cli(["audit", "--emqx-env", "missing.env", "v5-hardened/etc/emqx.conf"]).code).toBe(2);
  });

  it("${VAR} resolves from the environment and --emqx-env (the file wins): the default cookie behind it is found", () => {
    const dir = join(work, "env-subst");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "emqx.conf"), "node.cookie = ${NODE_COOKIE}\nnode.name = ${?NODE_NAME}\n");
    const ids = (r: Run) =>
      JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { id: string }[] }) => f.diagnostics.map((d) => d.id));
    const run = (args: string[], env: Record<string, string>) => {
      const r = spawnSync(process.execPath, [bin, "audit", "--format", "json", "--emqx", "5", ...args, "emqx.conf"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, ...env },
      });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    // from the environment audit runs in
    const fromEnv = run([], { NODE_COOKIE: "emqxsecretcookie" });
    expect(ids(fromEnv)).toContain("cookie-default");
    expect(ids(fromEnv)).not.toContain("hocon-unresolved");
    // from the node's env file (plain KEY=VALUE, not only EMQX_*), over the runner's environment
    writeFileSync(join(dir, "node.env"), "NODE_COOKIE='emqxsecretcookie'\n");
    const fromFile = run(["--emqx-env", "node.env"], { NODE_COOKIE: "Vq3x9TgLk2Pz7RwYb4NcHs8Jm" });
    expect(ids(fromFile)).toContain("cookie-default");
    expect(ids(fromFile)).not.toContain("hocon-unresolved");
    const cookie = JSON.parse(fromFile.stdout).files[0].diagnostics.find(
      (d: { id: string }) => d.id === "cookie-default",
    );
    expect(cookie.range.start).toEqual({ line: 1, column: 15 });
    // still unset anywhere: said so
    expect(ids(run([], {}))).toContain("hocon-unresolved");
  });

  it("several files are compared as one cluster's nodes", () => {
    const r = cli(["audit", "--format", "json", "v5-hardened/etc/emqx.conf", "v5-insecure/etc/emqx.conf"]);
    const out = JSON.parse(r.stdout);
    const second = out.files.find((f: { path: string }) => f.path === "v5-insecure/etc/emqx.conf");
    const ids = second.diagnostics
      .filter((d: { id: string }) => d.id === "cluster-setting-mismatch")
      .map((d: { message: string }) => d.message.split(" differs")[0]);
    expect(ids).toEqual(["node.cookie", "RPC transport"]);
  });

  it("a HOCON syntax error is reported with its position, exit 1", () => {
    writeFileSync(join(work, "broken.conf"), 'node {\n  cookie = "abc\n}\n');
    const r = cli(["audit", "broken.conf"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.conf:2:12 +error +unterminated quoted string +hocon-syntax/);
  });

  it("usage and I/O errors: one line, exit 2", () => {
    const missing = cli(["audit", "nope/emqx.conf"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/nope\/emqx\.conf/);
    expect(cli(["audit", "--emqx", "7", "v5-insecure/etc/emqx.conf"]).code).toBe(2);
  });

  it("a config or env file that is /dev/zero or a FIFO: exit 2 at once, naming it", () => {
    execFileSync("mkfifo", [join(work, "named-pipe")]);
    for (const args of [["/dev/zero"], ["named-pipe"], ["--emqx-env", "/dev/zero", "v5-insecure/etc/emqx.conf"]]) {
      const r = cli(["audit", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(
        /^emqx-acl: cannot read '(\/dev\/zero|named-pipe)': (a character device|a FIFO), not a regular file\n$/,
      );
    }
  });
});

describe("emqx-acl ports", () => {
  it("pretty: ports from the name suffix", () => {
    const r = cli(["ports", "emqx@10.0.0.1", "emqx1@10.0.0.2", "emqx-12@10.0.0.3", "node@10.0.0.4"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^emqx-12@10\.0\.0\.3 +12 +4382 +5382$/m);
    expect(r.stdout).toMatch(/^node@10\.0\.0\.4 +- +4370 +5370$/m);
  });

  it("json and --docker", () => {
    const out = JSON.parse(cli(["ports", "--docker", "--format", "json", "emqx1@10.0.0.1", "emqx2@10.0.0.2"]).stdout);
    expect(out.rpcPortDiscovery).toBe("manual");
    expect(out.nodes.map((n: { distPort: number; rpcPort: number }) => [n.distPort, n.rpcPort])).toEqual([
      [4371, 5369],
      [4372, 5369],
    ]);
    const epmd = cli(["ports", "--with-epmd", "emqx1@10.0.0.1", "emqx2@10.0.0.2"]);
    expect(epmd.stdout).toMatch(/^emqx2@10\.0\.0\.2 +2 +6369 +5372 +4369$/m);
  });

  it("iptables, nftables and aws-sg open exactly the cluster ports", () => {
    const nodes = ["emqx1@10.0.0.1", "emqx2@10.0.0.2"];
    const ipt = cli(["ports", "--format", "iptables", ...nodes]);
    expect(ipt.code).toBe(0);
    expect(ipt.stdout).toContain("iptables -A INPUT -p tcp -s 10.0.0.2 -m multiport --dports 4371,5371 -j ACCEPT");
    expect(cli(["ports", "--format", "nftables", ...nodes]).stdout).toContain(
      "ip saddr { 10.0.0.1 } tcp dport { 4372, 5372 } accept",
    );
    const sg = JSON.parse(cli(["ports", "--format", "aws-sg", ...nodes]).stdout);
    expect(sg.SecurityGroups[1].IpPermissions.map((p: { FromPort: number }) => p.FromPort)).toEqual([4372, 5372]);
  });

  it("clashing ports: warning on stderr for machine formats, exit 1; bad names exit 2", () => {
    const r = cli(["ports", "--format", "iptables", "emqx@10.0.0.1", "emqx0@10.0.0.1"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/warning: emqx0@10\.0\.0\.1 and emqx@10\.0\.0\.1 both use port 4370/);
    const bad = cli(["ports", "emqx"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('emqx-acl: node name "emqx" is not name@host\n');
  });
});
