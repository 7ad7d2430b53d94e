/**
 * A configuration under review must not make `audit` print files it points at that are
 * not EMQX configuration: a canary with a unique secret is named as include, acl file,
 * ssl_dist.conf (by `--ssl-dist-conf` too) and certfile/keyfile/cacertfile, in several
 * shapes (a shadow line, broken HOCON, broken Erlang terms, a bare word); the secret must
 * appear in no output format. Files that are EMQX configuration still get code frames.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAudit } from "../packages/cli/src/commands/audit";
import { formatNames } from "../packages/cli/src/reporters";
import { repoRoot } from "./support/shared";

const SECRET = "zq7canarysecret";
const SHAPES = {
  shadow: `root:$6$${SECRET}$Xy:19000:0:99999:7:::\n`,
  hocon: `password = "${SECRET}"\n}\n`,
  erlang: `{${SECRET}, "${SECRET}"\n`,
  words: `${SECRET} ${SECRET}x\n${SECRET}y {\n`,
  atom: `${SECRET}.\n`,
};

const work = mkdtempSync(join(tmpdir(), "emqx-acl-disclosure-"));

/** Config texts that point at `canary` every way they can. */
function configs(canary: string): Record<string, { text: string; args: string[] }> {
  const v5 = `node.cookie = "Vq3x9TgLk2Pz7RwYb4NcHs8Jm"
cluster.proto_dist = inet_tls
rpc { protocol = ssl, certfile = "${canary}", keyfile = "${canary}", cacertfile = "${canary}" }
listeners.ssl.default.ssl_options { certfile = "${canary}", keyfile = "${canary}" }
authorization.sources = [{ type = file, path = "${canary}" }]
`;
  return {
    "v5 acl, certs, --ssl-dist-conf": { text: v5, args: ["--ssl-dist-conf", canary] },
    "v5 include": { text: `include "${canary}"\n${v5}`, args: [] },
    "v5 required include": { text: `include required("${canary}")\nnode.cookie = x\n`, args: [] },
    "v4 acl_file": {
      text: `node.cookie = Vq3x9TgLk2Pz7RwYb4NcHs8Jm\nacl_file = ${canary}\nrpc.driver = ssl\nrpc.certfile = ${canary}\n`,
      args: ["--emqx", "4"],
    },
    "v4 include": { text: `node.cookie = Vq3x9TgLk2Pz7RwYb4NcHs8Jm\ninclude ${canary}\n`, args: ["--emqx", "4"] },
  };
}

function audit(dir: string, extra: string[], format: string): string {
  let out = "";
  const io = { stdout: { write: (s: string) => (out += s) }, cwd: dir, env: { NO_COLOR: "1" } };
  const emqx = (extra.includes("4") ? "4" : "auto") as "4" | "auto";
  const sslDistConf = extra[0] === "--ssl-dist-conf" ? extra[1] : undefined;
  try {
    runAudit([join(dir, "emqx.conf")], { format: format as never, emqx, sslDistConf }, io);
  } catch (err) {
    out += String(err);
  }
  return out;
}

describe("audit never prints a file the config points at unless it is EMQX configuration", () => {
  for (const [shape, content] of Object.entries(SHAPES)) {
    it(`canary shaped as ${shape}`, () => {
      const dir = join(work, shape);
      mkdirSync(dir, { recursive: true });
      const canary = join(dir, "canary");
      writeFileSync(canary, content);
      for (const [name, { text, args }] of Object.entries(configs(canary))) {
        writeFileSync(join(dir, "emqx.conf"), text);
        for (const format of formatNames) {
          const out = audit(dir, args, format);
          // the canary was reached and reported on (by path), not skipped
          expect(out, `${name} ${format}`).toContain("canary");
          expect(out.toLowerCase(), `${name} --format ${format}`).not.toContain(SECRET);
        }
      }
    });
  }

  it("the built CLI, pretty: a location and a count for the canary, no code frame", () => {
    const dir = join(work, "cli");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "canary"), SHAPES.shadow);
    writeFileSync(join(dir, "emqx.conf"), `include "canary"\nnode.cookie = x\n`);
    const bin = join(repoRoot, "packages", "cli", "bin", "emqx-acl.cjs");
    const r = spawnSync(process.execPath, [bin, "audit", "emqx.conf"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stdout).toMatch(
      /^canary:1:6 +error +.*canary does not read as EMQX configuration \(\d+ errors, the first here\)/m,
    );
    expect(r.stdout).not.toMatch(/^ +1 \|/m);
  });

  it("an acl file that is EMQX configuration keeps its code frames", () => {
    const dir = join(work, "acl-ok");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "acl.conf"), `{allow, all}.\n`);
    writeFileSync(
      join(dir, "emqx.conf"),
      `authorization.sources = [{ type = file, path = "${join(dir, "acl.conf")}" }]\n`,
    );
    expect(audit(dir, [], "pretty")).toMatch(/1 \| \{allow, all\}\./);
  });
});
