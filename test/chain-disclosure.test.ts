/**
 * `--config` reads files the configuration names (the file source's acl.conf, includes,
 * base.hocon, cluster.hocon): when one does not read as EMQX configuration, only its path,
 * position and diagnostic id are printed — never its text (the audit's policy). A canary
 * with a unique secret in several shapes must not appear in any output of check, explain
 * or analyze --config.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";
import { repoRoot } from "./support/shared";

const SECRET = "zq7chaincanary";
const SHAPES = {
  shadow: `root:$6$${SECRET}$Xy:19000:0:99999:7:::\n`,
  hocon: `password = "${SECRET}"\n}\n`,
  erlang: `{${SECRET}, "${SECRET}"\n`,
  words: `${SECRET} ${SECRET}x\n${SECRET}y {\n`,
};

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: repoRoot, stdio: "pipe" });
});

function layouts(canary: string): Record<string, Record<string, string>> {
  return {
    "file source path": { "emqx.conf": `authorization.sources = [{type = file, path = "${canary}"}]\n` },
    include: { "emqx.conf": `include "${canary}"\nauthorization.no_match = deny\n` },
    "cluster.hocon": { "emqx.conf": "authorization.no_match = deny\n", "data/configs/cluster.hocon": "" },
    "v4 acl_file": { "emqx.conf": `acl_nomatch = deny\nacl_file = ${canary}\n` },
  };
}

describe("--config does not print files the configuration points at", () => {
  for (const [shape, text] of Object.entries(SHAPES)) {
    for (const [name, files] of Object.entries(layouts("canary.txt"))) {
      it(`${shape} as ${name}`, () => {
        const dir = mkdtempSync(join(tmpdir(), "chain-disclosure-"));
        for (const [f, t] of Object.entries(files)) {
          mkdirSync(join(dir, f, ".."), { recursive: true });
          writeFileSync(join(dir, f), name === "cluster.hocon" && f.endsWith("cluster.hocon") ? text : t);
        }
        writeFileSync(join(dir, "canary.txt"), text);
        const runs = [
          runBuiltCli(["check", "--config", "emqx.conf", "-"], {
            cwd: dir,
            input: '{"action":"publish","topic":"t"}\n',
          }),
          runBuiltCli(["explain", "--config", "emqx.conf", "--publish", "t"], { cwd: dir }),
          runBuiltCli(["analyze", "--config", "emqx.conf", "--format", "json"], { cwd: dir }),
        ];
        for (const r of runs) {
          expect(r.stdout + r.stderr).not.toContain(SECRET);
          expect(r.code).toBe(1);
        }
        expect(runs[0].stderr).toMatch(/(canary\.txt|cluster\.hocon)(:\d+:\d+)?: EMQX /);
      });
    }
  }
});
