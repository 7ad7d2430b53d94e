/**
 * `pnpm bench compile`: compile time of 100k rules to every target (beside parse + lower
 * of the same file, the baseline), and the time the stock clients take to load the output
 * into the real servers of this machine (`mariadb DB < seed.sql`, `psql -f`,
 * `redis-cli --pipe`). Pass `--rules 20000` for another size. A server that is not running
 * is reported as such, not started.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Rule } from "../packages/core/src/index";
import { loadRuleSet } from "../packages/analysis/src/index";
import { emitterFor, redisConnect, type EmitResult, type TargetName } from "../packages/emitters/src/index";
import { measure, table, type Suite } from "./harness";

/** Rules every SQL target keeps: exact usernames / client ids / everyone, allow and deny, 1–2 topics. */
export function sqlRules(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const perm = i % 3 === 0 ? "deny" : "allow";
    const who = i % 5 === 0 ? "all" : i % 2 ? `{username, "user${i}"}` : `{clientid, "dev-${i}"}`;
    const act = ["publish", "subscribe", "all", "{publish, [{qos, [1, 2]}, {retain, false}]}"][i % 4];
    const topics = i % 2 ? `["t/${i}/#", {eq, "e/${i}/+"}]` : `["s/${i}/+/x"]`;
    out.push(`{${perm}, ${who}, ${act}, ${topics}}.`);
  }
  return `${out.join("\n")}\n{deny, all}.\n`;
}

/** Allow rules about usernames (what Redis, MongoDB and the REST API keep). */
export function allowRules(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++)
    out.push(`{allow, {username, "user${i % 5000}"}, ${i % 2 ? "publish" : "subscribe"}, ["t/${i}/#"]}.`);
  return `${out.join("\n")}\n{deny, all}.\n`;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: "127.0.0.1" });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

function timedTool(cmd: string, args: string[], input?: Buffer): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { input, maxBuffer: 1 << 28, timeout: 600_000 });
  if (r.status !== 0) throw new Error(`${cmd}: ${r.stderr?.toString().slice(0, 300)}`);
  return performance.now() - t0;
}

async function loadInto(target: TargetName, result: EmitResult, dir: string): Promise<string | number> {
  const seed = result.files.find((f) => f.name.startsWith("seed."));
  if (!seed) return "n/a";
  const db = `emqxacl_bench_${process.pid}`;
  if (target === "mysql") {
    if (!(await portOpen(3306))) return "server down";
    spawnSync("mariadb", ["-h127.0.0.1", "-uroot", "-e", `CREATE DATABASE ${db}`]);
    try {
      return timedTool("mariadb", ["-h127.0.0.1", "-uroot", db], Buffer.from(seed.content));
    } finally {
      spawnSync("mariadb", ["-h127.0.0.1", "-uroot", "-e", `DROP DATABASE ${db}`]);
    }
  }
  if (target === "postgresql") {
    if (!(await portOpen(5432))) return "server down";
    spawnSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", `CREATE DATABASE ${db}`]);
    const file = join(dir, "seed.sql");
    writeFileSync(file, seed.content);
    try {
      return timedTool("psql", [
        "-h",
        "127.0.0.1",
        "-U",
        "postgres",
        "-d",
        db,
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-f",
        file,
      ]);
    } finally {
      spawnSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", `DROP DATABASE ${db}`]);
    }
  }
  if (target === "redis") {
    if (!(await portOpen(6379))) return "server down";
    try {
      return timedTool("redis-cli", ["-h", "127.0.0.1", "--pipe"], Buffer.from(seed.content, "latin1"));
    } finally {
      const c = await redisConnect("redis://127.0.0.1:6379");
      await c.deletePrefix(`${db}:`);
      c.close();
    }
  }
  return "no server";
}

export const suite: Suite = {
  name: "compile",
  async run(args) {
    const i = args.indexOf("--rules");
    const n = i >= 0 ? Number(args[i + 1]) : 100_000;
    const dir = mkdtempSync(join(tmpdir(), "emqxacl-bench-"));
    const rows: (string | number)[][] = [];
    try {
      for (const [kind, text, targets] of [
        ["sql mix", sqlRules(n), ["mysql", "postgresql", "json", "acl"]],
        ["allow by username", allowRules(n), ["redis", "mongodb", "emqx-api"]],
      ] as [string, string, TargetName[]][]) {
        const parsed = await measure(() => loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet.rules, 1);
        const rules: Rule[] = parsed.result;
        rows.push([kind, "parse+lower (baseline)", rules.length, parsed.ms, "", ""]);
        for (const target of targets) {
          const opts = {
            dialect: "v5" as const,
            targetDialect: "v6" as const,
            sourceText: text,
            keyPrefix: `emqxacl_bench_${process.pid}:`,
          };
          const r = await measure(() => emitterFor(target).emit(rules, opts), 1);
          const size = r.result.files.reduce((s, f) => s + f.content.length, 0) / 1e6;
          const load = await loadInto(target, r.result, dir);
          rows.push([kind, target, rules.length - r.result.refusals.length, r.ms, size, load]);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    table(
      `compile ${n} rules (EMQX 6 output)`,
      ["rules", "target", "kept", "compile ms", "output MB", "load ms"],
      rows,
    );
  },
};
