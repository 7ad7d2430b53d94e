/**
 * Reachability analysis (every rule: witness or covering set) on generated EMQX 5 files
 * of 1k / 10k / 100k rules: a few general template rules, then per-user, per-client and
 * per-network rules (some of them shadowed), a regex group, and a final `{deny, all}`.
 * A second shape (`generatePerIdentityAcl`) interleaves thousands of `all` template rules
 * with per-identity ones (it used to take minutes at 10k).
 * Goal: 10k < 1 s, 100k < 10 s including witnesses.
 */
import { analyzeRuleSet } from "../packages/analysis/src/index";
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
  },
};
