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
 */
import { analyzeDocument, analyzeReachability, analyzeRuleSet } from "../packages/analysis/src/index";
import { defaultAnalysisBudget } from "../packages/analysis/src/lint/settings";
import { lower } from "../packages/core/src/index";
import { parseDocument } from "../packages/syntax/src/index";
import { measure, table, type Suite } from "./harness";

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
        out.push(`{allow, {'and', [{username, "svc${i}"}, {ipaddr, "192.168.${i % 256}.0/24"}]}, {all, [{qos, [0, 1]}]}, ["svc/${i}/#"]}.`);
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
      const reach = await measure(() => analyzeReachability(rules, { dialect: "v5", budget: defaultAnalysisBudget(n) }), 3);
      const count = (id: string) => lint.result.diagnostics.filter((d) => d.id === id).length;
      rows.push([shape, n, lint.ms, reach.ms, lint.ms / reach.ms, count("rule-redundant"), count("rule-conflict"), count("analysis-incomplete")]);
    }
  return rows;
}

const SHAPES: [string, (n: number) => string, number[]][] = [
  ["mixed", generateV5Acl, [1_000, 10_000, 100_000]],
  ["per-identity", generatePerIdentityAcl, [1_000, 10_000]],
];

export const suite: Suite = {
  name: "analyze",
  async run() {
    const rows: (string | number)[][] = [];
    for (const [shape, generate, sizes] of SHAPES)
      for (const n of sizes) {
        const rs = lower(parseDocument(generate(n)), "v5").ruleSet;
        const m = await measure(() => analyzeRuleSet(rs, { progress: null }), n >= 100_000 ? 1 : 3, n < 100_000);
        const res = m.result.rules;
        const count = (s: string) => res.filter((r) => r.status === s).length;
        rows.push([shape, n, m.ms, (m.ms / n) * 1000, count("reachable"), count("unreachable"), count("unknown")]);
      }
    table("reachability with witnesses and covering sets (v5)", ["shape", "rules", "ms", "µs/rule", "reachable", "unreachable", "unknown"], rows);
    table("lint of loadable files (v5; reachability alone in the same run)", ["shape", "rules", "lint ms", "reach ms", "ratio", "redundant", "conflict", "incomplete"], await lintRows());
  },
};
