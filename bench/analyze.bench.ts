/**
 * Reachability analysis (every rule: witness or covering set) on generated EMQX 5 files
 * of 1k / 10k / 100k rules: a few general template rules, then per-user, per-client and
 * per-network rules (some of them shadowed), a regex group, and a final `{deny, all}`.
 * A second shape (`generatePerIdentityAcl`) interleaves thousands of `all` template rules
 * with per-identity ones (it used to take minutes at 10k).
 * Goal: 10k < 1 s, 100k < 10 s including witnesses.
 * A second table: the whole lint (`analyzeDocument`: every rule, rule-redundant and
 * rule-conflict included) of loadable files at 300 / 1k / 10k rules, beside lint's
 * reachability alone (same rules, same budget) measured in the same run.
 * Then the fleet shape (`../shared/bench/gen-fleet-acl.mjs`) at 1k / 10k / 100k, each
 * command in a child process bounded by `--timeout S` (default 120): `analyze` (every
 * rule, with counts) and `lint` (wall, CPU, peak RSS), lint's time beside `erl`'s
 * `file:consult` in the same run and EMQX's consult time from the README; and lint's peak
 * memory on the 610k-rule fleet file (~50 MB).
 */
import { analyzeDocument, analyzeReachability, analyzeRuleSet } from "../packages/analysis/src/index";
import { defaultAnalysisBudget } from "../packages/analysis/src/lint/settings";
import { lower } from "../packages/core/src/index";
import { parseDocument } from "../packages/syntax/src/index";
import { resolve } from "node:path";
import { msOrLimit, rowTimeout, runNode, type ChildRun } from "./child";
import { EMQX_FLEET, fleetFile } from "./fleet";
import { measure, table, type Suite } from "./harness";
import { erlangConsultMs } from "./parse.bench";

const CLI = resolve("packages/cli/bin/emqx-acl.cjs");

/** A seeded EMQX 5 file with `n` rules. */
export function generateV5Acl(n: number): string {
  const out = [
    '{allow, {username, {re, "^admin-[0-9]+$"}}, subscribe, ["$SYS/#"]}.',
    '{deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.',
    '{allow, all, all, ["users/${username}/#"]}.',
    '{allow, all, publish, ["devices/${clientid}/up"]}.',
  ];
  for (let i = 0; out.length < n - 1; i++) {
    switch (i % 5) {
      case 0:
        out.push(`{allow, {username, "user${i}"}, publish, ["tenants/t${i % 97}/user${i}/#"]}.`);
        break;
      case 1:
        out.push(`{allow, {clientid, "dev-${i}"}, subscribe, ["devices/dev-${i}/down", "fleet/+/broadcast"]}.`);
        break;
      case 2:
        out.push(`{deny, {ipaddr, "10.${(i >> 8) % 256}.${i % 256}.0/24"}, publish, ["tenants/#"]}.`);
        break;
      case 3:
        // shadowed: user${i-3}'s own tree is already allowed by the case-0 rule above
        out.push(`{deny, {username, "user${i - 3}"}, publish, ["tenants/t${(i - 3) % 97}/user${i - 3}/x"]}.`);
        break;
      default:
        out.push(
          `{allow, {'and', [{username, "svc${i}"}, {ipaddr, "192.168.${i % 256}.0/24"}]}, {all, [{qos, [0, 1]}]}, ["svc/${i}/#"]}.`,
        );
    }
  }
  out.push("{deny, all}.");
  return `${out.join("\n")}\n`;
}

/**
 * The per-identity shape of large real files, `n` rules: per-user publish rules with
 * `${clientid}` topics, per-client subscribe rules, per-user deny rules, per-/24 publish
 * rules, `all` subscribe rules with `${username}`, and a final `{deny, all}`.
 */
export function generatePerIdentityAcl(n: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < n - 1; i++) {
    switch (i % 5) {
      case 0:
        out.push(`{allow, {username, "user${i}"}, publish, ["devices/${i}/\${clientid}/#", "t/${i}"]}.`);
        break;
      case 1:
        out.push(`{allow, {clientid, "c${i}"}, subscribe, ["cmd/${i}/+"]}.`);
        break;
      case 2:
        out.push(`{deny, {username, "user${i}"}, all, ["secret/${i}/#"]}.`);
        break;
      case 3:
        out.push(`{allow, {ipaddr, "10.${i % 256}.${(i >> 8) % 256}.0/24"}, publish, ["sensors/${i}"]}.`);
        break;
      default:
        out.push(`{allow, all, subscribe, ["public/${i}/\${username}"]}.`);
    }
  }
  out.push("{deny, all}.");
  return `${out.join("\n")}\n`;
}

/**
 * A loadable EMQX 5 file of `n` rules: alternating per-user publish rules with a
 * `${username}` topic and per-client subscribe rules with a `${clientid}` filter and an
 * `eq` topic, then `{deny, all}` (150 users × 150 clients made rule-redundant's global
 * partition take 17 s at 300 rules).
 */
export function generateLoadableV5(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n - 1; i++)
    lines.push(
      i % 2
        ? `{allow, {clientid, "dev-${i}"}, subscribe, ["cmd/\${clientid}/#", {eq, "cfg/${i}"}]}.`
        : `{allow, {username, "user${i}"}, publish, ["telemetry/\${username}/data", "status/${i}"]}.`,
    );
  return `${lines.join("\n")}\n{deny, all}.\n`;
}

/** `mixed` is the stress case: every per-user allow overlaps every per-network deny (conflicts stop at the budget). */
const LINT_SHAPES: [string, (n: number) => string][] = [
  ["loadable", generateLoadableV5],
  ["per-identity", generatePerIdentityAcl],
  ["mixed", generateV5Acl],
];

/** Lint of whole documents vs lint's reachability alone, per shape and size. */
async function lintRows(): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  for (const [shape, generate] of LINT_SHAPES)
    for (const n of [300, 1_000, 10_000]) {
      const text = generate(n);
      const rules = lower(parseDocument(text), "v5").ruleSet.rules;
      const lint = await measure(() => analyzeDocument(text, { dialect: "v5" }), 3);
      const reach = await measure(
        () => analyzeReachability(rules, { dialect: "v5", budget: defaultAnalysisBudget(n) }),
        3,
      );
      const count = (id: string) => lint.result.diagnostics.filter((d) => d.id === id).length;
      rows.push([
        shape,
        n,
        lint.ms,
        reach.ms,
        lint.ms / reach.ms,
        count("rule-redundant"),
        count("rule-conflict"),
        count("analysis-incomplete"),
      ]);
    }
  return rows;
}

const SHAPES: [string, (n: number) => string, number[]][] = [
  ["mixed", generateV5Acl, [1_000, 10_000, 100_000]],
  ["per-identity", generatePerIdentityAcl, [1_000, 10_000]],
];

const cpu = (r: ChildRun) => (r.cpuMs === null ? "-" : r.timedOut ? `> ${Math.round(r.cpuMs)}` : Math.round(r.cpuMs));
const peak = (r: ChildRun) => (r.peakMB === null ? "-" : `${r.timedOut ? "≥ " : ""}${Math.round(r.peakMB)}`);

/** `analyze` counts from its JSON output (null when it did not finish). */
function statusCounts(r: ChildRun): [number, number, number] | null {
  if (r.timedOut || r.status !== 0) return null;
  const rules: { status: string }[] = JSON.parse(r.stdout).rules;
  const count = (s: string) => rules.filter((x) => x.status === s).length;
  return [count("reachable"), count("unreachable"), count("unknown")];
}

/** Fleet rows: analyze + lint per size, each bounded, beside erl's file:consult. */
async function fleetRows(sizes: number[], limitS: number): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const file = fleetFile(n);
    const analyze = await runNode([CLI, "analyze", "--engine", "v5", "--format", "json", file], limitS);
    const counts = statusCounts(analyze);
    const lint = await runNode([CLI, "lint", "--dialect", "v5", "--format", "json", file], limitS);
    if (!lint.timedOut && lint.status !== 0 && lint.status !== 1)
      throw new Error(`lint failed on the fleet file of ${n} rules: ${lint.stderr.slice(0, 300)}`);
    const erl = erlangConsultMs(file, 1);
    const emqx = (EMQX_FLEET as Record<number, { consultMs: number }>)[n];
    const ratio = (base: number) => `${lint.timedOut ? "> " : ""}${Math.round(lint.wallMs / base)}x`;
    rows.push([
      n,
      msOrLimit(analyze, limitS),
      cpu(analyze),
      counts ? counts.join(" / ") : "-",
      msOrLimit(lint, limitS),
      cpu(lint),
      peak(lint),
      erl ? erl.wall : "-",
      erl ? ratio(erl.wall) : "-",
      emqx ? ratio(emqx.consultMs) : "-",
    ]);
  }
  return rows;
}

/** Lint's peak memory on the largest fleet file (the size real deployments reach). */
async function peakRow(n: number, limitS: number): Promise<(string | number)[]> {
  const lint = await runNode([CLI, "lint", "--dialect", "v5", "--format", "json", fleetFile(n)], limitS);
  return [
    n,
    msOrLimit(lint, limitS),
    cpu(lint),
    peak(lint),
    lint.timedOut ? "killed at the limit" : `exit ${lint.status}`,
  ];
}

export const suite: Suite = {
  name: "analyze",
  async run(args) {
    const limitS = rowTimeout(args, 120);
    table(
      `fleet shape (gen-fleet-acl.mjs N 1 v5): analyze and lint as commands (child processes, limit ${limitS} s each)`,
      [
        "rules",
        "analyze ms",
        "analyze cpu",
        "reachable / unreachable / unknown",
        "lint ms",
        "lint cpu",
        "lint peak MB",
        "erl consult ms",
        "lint ÷ erl consult",
        "lint ÷ EMQX consult (README)",
      ],
      await fleetRows([1_000, 10_000, 100_000], limitS),
    );
    table(
      `lint peak memory on the 610k-rule fleet file (limit ${limitS} s)`,
      ["rules", "lint ms", "lint cpu", "peak MB", "outcome"],
      [await peakRow(610_000, limitS)],
    );
    if (args.includes("--fleet-only")) return;
    const rows: (string | number)[][] = [];
    for (const [shape, generate, sizes] of SHAPES)
      for (const n of sizes) {
        const rs = lower(parseDocument(generate(n)), "v5").ruleSet;
        const m = await measure(() => analyzeRuleSet(rs), n >= 100_000 ? 1 : 3, n < 100_000);
        const res = m.result.rules;
        const count = (s: string) => res.filter((r) => r.status === s).length;
        rows.push([shape, n, m.ms, (m.ms / n) * 1000, count("reachable"), count("unreachable"), count("unknown")]);
      }
    table(
      "reachability with witnesses and covering sets (v5)",
      ["shape", "rules", "ms", "µs/rule", "reachable", "unreachable", "unknown"],
      rows,
    );
    table(
      "lint of loadable files (v5; reachability alone in the same run)",
      ["shape", "rules", "lint ms", "reach ms", "ratio", "redundant", "conflict", "incomplete"],
      await lintRows(),
    );
  },
};
