/**
 * `pnpm bench check`: decisions per second of the indexed engine (`compileDecider`) beside
 * the linear scan (`decideLinear`, EMQX's own algorithm) in the same run, on generated
 * 1k / 10k / 100k-rule v5 files of per-user / per-client rules with `${username}` /
 * `${clientid}` topics, a fixed few (20) wildcard and address rules, and a final `{deny, all}`.
 * Goal: >= 100x EMQX's linear ~1,500 decisions/s at 10k rules, flat as rules grow.
 */
import { performance } from "node:perf_hooks";
import { parseDocument } from "../packages/syntax/src/index";
import { compileDecider, decideLinear, lower, type Request, type RuleSet } from "../packages/core/src/index";
import { prng } from "./acl-gen";
import { fmt, table, type Suite } from "./harness";

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
    if (i % shared === shared - 1 && i / shared < 10) out.push(`{allow, all, subscribe, ["public/+/news", "region${i}/#"]}.`);
    else if (i % shared === Math.floor(shared / 2) && i / shared < 10) out.push(`{deny, {ipaddr, "192.168.${i % 256}.0/24"}, publish, ["+/admin/#"]}.`);
    else {
      const x = r();
      if (x < 0.45) out.push(`{allow, {username, "user${i}"}, publish, ["devices/\${username}/#", "status/\${username}"]}.`);
      else if (x < 0.9) out.push(`{allow, {clientid, "dev${i}"}, subscribe, ["cmd/\${clientid}/+", {eq, "cmd/${i}/all"}]}.`);
      else out.push(`{deny, {'and', [{username, "user${i}"}, {ipaddr, "10.${i % 256}.0.0/16"}]}, all, ["devices/${i}/secret"]}.`);
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
    const topic = sub ? (r() < 0.5 ? `cmd/dev${i}/reboot` : `public/${i}/news`) : r() < 0.7 ? `devices/user${i}/temp` : `status/user${i + 1}`;
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

export const suite: Suite = {
  name: "check",
  async run() {
    const rows: (string | number)[][] = [];
    for (const n of [1_000, 10_000, 100_000]) {
      const rs = load(n);
      const reqs = generateRequests(n, 20_000);
      const t0 = performance.now();
      const decider = compileDecider(rs);
      const buildMs = performance.now() - t0;
      // same answers, checked on a sample before timing
      for (const q of reqs.slice(0, 200)) {
        if (JSON.stringify(decider.decide(q)) !== JSON.stringify(decideLinear(rs, q))) throw new Error("indexed and linear disagree");
      }
      const indexed = rate((q) => decider.decide(q), reqs, 1500);
      const linear = rate((q) => decideLinear(rs, q), reqs, 1500);
      rows.push([n, fmt(buildMs), Math.round(indexed.wall), Math.round(indexed.cpu), Math.round(linear.wall), Math.round(linear.cpu), `${fmt(indexed.cpu / linear.cpu)}x`, `${fmt(indexed.cpu / 1500)}x`]);
    }
    table("decisions/s (v5 rules, 20k distinct requests; cpu = per CPU-second of this process)", ["rules", "index build ms", "indexed/s", "indexed/cpu-s", "linear/s", "linear/cpu-s", "indexed÷linear (cpu)", "÷ EMQX 1,500/s"], rows);
  },
};
