/**
 * `pnpm bench check`: decisions per second of the indexed engine (`compileDecider`) beside
 * the linear scan (`decideLinear`, EMQX's own algorithm) in the same run, on generated
 * 1k / 10k / 100k-rule v5 files of per-user / per-client rules with `${username}` /
 * `${clientid}` topics, a fixed few (20) wildcard and address rules, and a final `{deny, all}`.
 * Goal: >= 100x EMQX's linear ~1,500 decisions/s at 10k rules, flat as rules grow.
 * Then the fleet shape (`../shared/bench/gen-fleet-acl.mjs`, EMQX's own figures from its
 * README beside ours) at 1k / 10k / 100k in this process, and the whole `check` command
 * (process start, load, decide, write) on 200k requests at 10k rules in a child process,
 * on one thread (the default) and with `--jobs 2` (a worker thread beside the main one).
 */
import { performance } from "node:perf_hooks";
import { parseDocument } from "../packages/syntax/src/index";
import { resolve } from "node:path";
import {
  compileDecider,
  decideLinear,
  lower,
  parseWireLine,
  type Request,
  type RuleSet,
} from "../packages/core/src/index";
import { prng } from "./acl-gen";
import { msOrLimit, rowTimeout, runNode } from "./child";
import { EMQX_FLEET, fleetAcl, fleetFile, fleetRequests, fleetRequestsFile } from "./fleet";
import { fmt, table, type Suite } from "./harness";

const CLI = resolve("packages/cli/bin/emqx-acl.cjs");

/**
 * A realistic per-tenant file: per-user and per-client rules (with `${username}` /
 * `${clientid}` topics and some address conditions), plus a FEW shared rules — 10
 * wildcard subscriptions and 10 address-range denies spread through the file, however
 * large it is — and a final `{deny, all}`.
 */
export function generateCheckAcl(rules: number, seed = 7): string {
  const r = prng(seed);
  const out: string[] = [];
  const shared = Math.max(1, Math.floor(rules / 20));
  for (let i = 0; i < rules - 1; i++) {
    if (i % shared === shared - 1 && i / shared < 10)
      out.push(`{allow, all, subscribe, ["public/+/news", "region${i}/#"]}.`);
    else if (i % shared === Math.floor(shared / 2) && i / shared < 10)
      out.push(`{deny, {ipaddr, "192.168.${i % 256}.0/24"}, publish, ["+/admin/#"]}.`);
    else {
      const x = r();
      if (x < 0.45)
        out.push(`{allow, {username, "user${i}"}, publish, ["devices/\${username}/#", "status/\${username}"]}.`);
      else if (x < 0.9)
        out.push(`{allow, {clientid, "dev${i}"}, subscribe, ["cmd/\${clientid}/+", {eq, "cmd/${i}/all"}]}.`);
      else
        out.push(
          `{deny, {'and', [{username, "user${i}"}, {ipaddr, "10.${i % 256}.0.0/16"}]}, all, ["devices/${i}/secret"]}.`,
        );
    }
  }
  out.push("{deny, all}.");
  return `${out.join("\n")}\n`;
}

/** Requests: known and unknown users, matching and non-matching topics. */
export function generateRequests(rules: number, count: number, seed = 11): Request[] {
  const r = prng(seed);
  const reqs: Request[] = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(r() * rules * 1.1);
    const sub = r() < 0.4;
    const topic = sub
      ? r() < 0.5
        ? `cmd/dev${i}/reboot`
        : `public/${i}/news`
      : r() < 0.7
        ? `devices/user${i}/temp`
        : `status/user${i + 1}`;
    reqs.push({
      username: `user${i}`,
      clientid: `dev${i}`,
      peerhost: `10.${i % 256}.1.2`,
      zone: "default",
      listener: "tcp:default",
      cert_common_name: null,
      client_attrs: {},
      action: sub ? "subscribe" : "publish",
      qos: (k % 3) as 0 | 1 | 2,
      retain: false,
      topic,
    });
  }
  return reqs;
}

/**
 * Decisions per second of `decide` over `reqs`, running for at least `minMs` of wall time:
 * per wall-clock second and per CPU second of this process (the latter is steadier on a
 * shared, loaded machine).
 */
function rate(decide: (r: Request) => unknown, reqs: Request[], minMs: number): { wall: number; cpu: number } {
  // warm-up: let the JIT settle before timing
  const w0 = performance.now();
  for (let i = 0; performance.now() - w0 < minMs / 3; i++) decide(reqs[i % reqs.length]);
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) {
    for (let i = 0; i < 64; i++) decide(reqs[(n + i) % reqs.length]);
    n += 64;
    t = performance.now();
  }
  const c = process.cpuUsage(c0);
  return { wall: (n * 1000) / (t - t0), cpu: (n * 1e6) / (c.user + c.system) };
}

function load(rules: number): RuleSet {
  const rs = lower(parseDocument(generateCheckAcl(rules)), "v5").ruleSet;
  if (rs.loadError) throw new Error(`generated file does not load: ${rs.loadError.message}`);
  return rs;
}

/** In-process decisions/s (per CPU second) on the fleet shape, indexed and linear, per size. */
function fleetEngineRows(sizes: number[]): { rows: (string | number)[][]; linearAt: Map<number, number> } {
  const rows: (string | number)[][] = [];
  const linearAt = new Map<number, number>();
  for (const n of sizes) {
    const rs = lower(parseDocument(fleetAcl(n)), "v5").ruleSet;
    if (rs.loadError) throw new Error(`fleet file of ${n} rules does not load: ${rs.loadError.message}`);
    const reqs = fleetRequests(n, 20_000).map((q) => parseWireLine(JSON.stringify(q)));
    const decider = compileDecider(rs);
    for (const q of reqs.slice(0, 200)) {
      if (JSON.stringify(decider.decide(q)) !== JSON.stringify(decideLinear(rs, q)))
        throw new Error("indexed and linear disagree on the fleet shape");
    }
    const indexed = rate((q) => decider.decide(q), reqs, 1500);
    const linear = rate((q) => decideLinear(rs, q), reqs, 1500);
    linearAt.set(n, linear.cpu);
    const emqx = (EMQX_FLEET as Record<number, { matcherPerSec: number | null }>)[n]?.matcherPerSec ?? null;
    rows.push([
      n,
      Math.round(indexed.cpu),
      Math.round(linear.cpu),
      `${fmt(indexed.cpu / linear.cpu)}x`,
      emqx ?? "-",
      emqx ? `${fmt(linear.cpu / emqx)}x` : "-",
      emqx ? `${fmt(indexed.cpu / emqx)}x` : "-",
    ]);
  }
  return { rows, linearAt };
}

/**
 * The whole `check` command as a user runs it (process start, load, decide, write) on the
 * 10k fleet file and 200k requests, in a child process bounded by the row limit.
 */
async function fleetCommandRow(
  rules: number,
  count: number,
  linearCpu: number | undefined,
  limitS: number,
  jobs: string[],
): Promise<(string | number)[]> {
  const acl = fleetFile(rules);
  const reqs = fleetRequestsFile(rules, count);
  const run = await runNode([CLI, "check", "--engine", "v5", ...jobs, acl, reqs], limitS);
  const lines = run.stdout.length ? run.stdout.split("\n").length - 1 : 0;
  if (!run.timedOut && (run.status !== 0 || lines !== count))
    throw new Error(`check failed (exit ${run.status}, ${lines} lines): ${run.stderr.slice(0, 300)}`);
  const perSec = run.timedOut ? 0 : (count * 1000) / run.wallMs;
  const emqx = EMQX_FLEET[10_000].matcherPerSec!;
  return [
    rules,
    count,
    jobs.join(" "),
    msOrLimit(run, limitS),
    run.cpuMs === null ? "-" : Math.round(run.cpuMs),
    run.peakMB === null ? "-" : Math.round(run.peakMB),
    run.timedOut ? "-" : Math.round(perSec),
    run.timedOut ? "-" : `${fmt(perSec / emqx)}x`,
    run.timedOut || !linearCpu ? "-" : `${fmt(perSec / linearCpu)}x`,
  ];
}

export const suite: Suite = {
  name: "check",
  async run(args) {
    const limitS = rowTimeout(args, 120);
    const fleet = fleetEngineRows([1_000, 10_000, 100_000]);
    table(
      "fleet shape (gen-fleet-acl.mjs N 1 v5; README requests; 20k distinct): decisions per CPU-second of this process",
      [
        "rules",
        "indexed/cpu-s",
        "linear/cpu-s",
        "indexed÷linear",
        "EMQX linear/s (README)",
        "our linear÷EMQX",
        "indexed÷EMQX",
      ],
      fleet.rows,
    );
    table(
      `whole command: emqx-acl check --engine v5 (process start + load + decide + write; limit ${limitS} s)`,
      [
        "rules",
        "requests",
        "threads",
        "wall ms",
        "cpu ms",
        "peak MB",
        "requests/s (wall)",
        "÷ EMQX 1,500/s",
        "÷ linear (same run)",
      ],
      [
        await fleetCommandRow(10_000, 200_000, fleet.linearAt.get(10_000), limitS, ["--jobs", "1"]),
        await fleetCommandRow(10_000, 200_000, fleet.linearAt.get(10_000), limitS, ["--jobs", "2"]),
      ],
    );

    const rows: (string | number)[][] = [];
    for (const n of [1_000, 10_000, 100_000]) {
      const rs = load(n);
      const reqs = generateRequests(n, 20_000);
      const t0 = performance.now();
      const decider = compileDecider(rs);
      const buildMs = performance.now() - t0;
      // same answers, checked on a sample before timing
      for (const q of reqs.slice(0, 200)) {
        if (JSON.stringify(decider.decide(q)) !== JSON.stringify(decideLinear(rs, q)))
          throw new Error("indexed and linear disagree");
      }
      const indexed = rate((q) => decider.decide(q), reqs, 1500);
      const linear = rate((q) => decideLinear(rs, q), reqs, 1500);
      rows.push([
        n,
        fmt(buildMs),
        Math.round(indexed.wall),
        Math.round(indexed.cpu),
        Math.round(linear.wall),
        Math.round(linear.cpu),
        `${fmt(indexed.cpu / linear.cpu)}x`,
        `${fmt(indexed.cpu / 1500)}x`,
      ]);
    }
    table(
      "decisions/s (v5 rules, 20k distinct requests; cpu = per CPU-second of this process)",
      [
        "rules",
        "index build ms",
        "indexed/s",
        "indexed/cpu-s",
        "linear/s",
        "linear/cpu-s",
        "indexed÷linear (cpu)",
        "÷ EMQX 1,500/s",
      ],
      rows,
    );
  },
};
