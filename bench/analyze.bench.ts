/**
 * Reachability analysis (every rule: witness or covering set) on generated EMQX 5 files
 * of 1k / 10k / 100k rules: a few general template rules, then per-user, per-client and
 * per-network rules (some of them shadowed), a regex group, and a final `{deny, all}`.
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

export const suite: Suite = {
  name: "analyze",
  async run() {
    const rows: (string | number)[][] = [];
    for (const n of [1_000, 10_000, 100_000]) {
      const rs = lower(parseDocument(generateV5Acl(n)), "v5").ruleSet;
      const m = await measure(() => analyzeRuleSet(rs), n >= 100_000 ? 1 : 3, n < 100_000);
      const res = m.result.rules;
      const count = (s: string) => res.filter((r) => r.status === s).length;
      rows.push([n, m.ms, (m.ms / n) * 1000, count("reachable"), count("unreachable"), count("unknown")]);
    }
    table("reachability with witnesses and covering sets (v5)", ["rules", "ms", "µs/rule", "reachable", "unreachable", "unknown"], rows);
  },
};
