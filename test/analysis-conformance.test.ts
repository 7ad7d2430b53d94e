/**
 * Reachability against EMQX's own decisions: on every loadable conformance case, a rule a
 * vector shows firing is never `unreachable`; every witness is decided by its rule in the
 * real engine; every `coveredBy` set catches every generated request the rule matches;
 * `unknown` stays at zero. The fresh cases (shared/conformance-fresh) are included.
 */
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { decideLinear, DIALECTS, fromWire, type Request, type Rule, type RuleSet } from "../packages/core/src/index";
import { analyzeDocument, analyzeReachability, inRequestDomain } from "../packages/analysis/src/index";
import { conformanceCases, freshConformanceCases } from "./support/shared";

function variants(reqs: Request[], rules: Rule[]): Request[] {
  const words = new Set<string>(["x"]);
  for (const r of rules)
    if (r.topics.kind === "list")
      for (const t of r.topics.items)
        if ("words" in t) for (const w of t.words) if (typeof w === "string") words.add(w);
  const out = [...reqs];
  const ws = [...words].slice(0, 12);
  for (const q of reqs.slice(0, 40)) {
    for (const w of ws) {
      out.push({ ...q, topic: `${q.topic}/${w}` });
      out.push({ ...q, topic: w });
    }
    out.push({ ...q, action: q.action === "publish" ? "subscribe" : "publish", retain: false });
    out.push({ ...q, username: null }, { ...q, peerhost: null });
  }
  return out;
}

for (const dialect of DIALECTS) {
  describe(`reachability on conformance ${dialect}`, () => {
    // the fresh cases too (nested prefixes, address forms, placeholder corners, regexes)
    for (const dir of [...conformanceCases(dialect), ...freshConformanceCases(dialect)]) {
      const expected = readFileSync(join(dir, "expected.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l));
      if ("load_error" in expected[0]) continue;
      it(`${basename(dirname(dirname(dir)))}/${basename(dir)}`, () => {
        const ruleSet = analyzeDocument(readFileSync(join(dir, "acl.conf")), { dialect }).lowered.ruleSet;
        const res = analyzeReachability(ruleSet.rules, { dialect });
        expect(res.filter((r) => r.status === "unknown")).toEqual([]);
        const byRule = new Map(res.map((r) => [r.rule, r]));
        const reqs = readFileSync(join(dir, "requests.jsonl"), "utf8")
          .trim()
          .split("\n")
          .filter(Boolean)
          .map((l) => fromWire(JSON.parse(l)));
        // vectors also probe requests no broker would authorise (publish to `a/#`); the
        // analysis quantifies over the broker's request domain only
        expected.forEach((e, i) => {
          if (e.rule !== null && inRequestDomain(reqs[i], dialect))
            expect(byRule.get(e.rule)?.status, `rule ${e.rule} fires for ${JSON.stringify(reqs[i])}`).toBe("reachable");
        });
        for (const r of res) {
          if (r.status !== "reachable" || r.note) continue; // `note`: not expressible as UTF-8 wire text
          const req = fromWire(r.witness);
          reqs.push(req);
          expect(decideLinear(ruleSet, req).rule, `witness of rule ${r.rule}: ${JSON.stringify(r.witness)}`).toBe(
            r.rule,
          );
        }
        const pool = variants(reqs, ruleSet.rules);
        for (const r of res) {
          if (r.status !== "unreachable") continue;
          const self: RuleSet = { ...ruleSet, rules: ruleSet.rules.filter((x) => x.index === r.rule) };
          const cover: RuleSet = { ...ruleSet, rules: ruleSet.rules.filter((x) => r.coveredBy.includes(x.index)) };
          for (const q of pool)
            if (inRequestDomain(q, dialect) && decideLinear(self, q).rule === r.rule)
              expect(
                decideLinear(cover, q).rule,
                `rule ${r.rule} covered by ${r.coveredBy} for ${JSON.stringify(q)}`,
              ).not.toBeNull();
        }
      });
    }
  });
}
