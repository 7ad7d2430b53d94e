/**
 * Differential test against EMQX's own rule code: generated files and requests
 * (test/support/differential-gen.ts) and the answers EMQX 4.4.19, 5.8.9 and 6 (master)
 * gave, stored by scripts/emqx-differential/run.mjs. Every file must load exactly when
 * EMQX's loads it, and every request EMQX authorizes must get EMQX's decision and rule,
 * from the linear scan and from the indexed decider (never `unknown`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileDecider, decideLinear, fromWire, type Decision } from "../packages/core/src/index";
import { loadRuleSet } from "../packages/analysis/src/index";
import { DIFFERENTIAL_RUNS, differentialCases, fingerprint } from "./support/differential-gen";
import { repoRoot } from "./support/shared";

/**
 * One answer as EMQX's harness writes it: `a3`, `d7`, `n`, `D` (denied before the rules: a
 * `$delayed` topic with nothing after the interval), or `-` (a topic EMQX refuses).
 */
function answerOf(d: Decision): string {
  if (d.decision === "allow") return `a${d.rule}`;
  if (d.decision === "deny") return d.rule === null ? "D" : `d${d.rule}`;
  return d.decision === "nomatch" ? "n" : d.decision;
}

for (const { dialect, seed, count } of DIFFERENTIAL_RUNS) {
  describe(`EMQX's own rule code, ${dialect}`, () => {
    const lines = readFileSync(join(repoRoot, "test/fixtures/emqx-differential", `${dialect}.answers`), "utf8")
      .split("\n")
      .filter((l) => l !== "");
    const cases = differentialCases(dialect, seed, count);

    it("the stored answers are for these very cases (else rerun scripts/emqx-differential)", () => {
      expect(lines[0]).toContain(`${dialect} seed=${seed} count=${count} cases=${fingerprint(cases)}`);
      expect(lines.length - 1).toBe(count);
    });

    it("loads what EMQX loads and decides every request as EMQX does", () => {
      let decided = 0;
      let loaded = 0;
      const wrong: string[] = [];
      cases.forEach((c, i) => {
        const answers = lines[i + 1].split(" ");
        const { ruleSet } = loadRuleSet(Buffer.from(c.text, "utf8"), { dialect }).lowered;
        if (answers[0] === "L" || ruleSet.loadError) {
          if ((answers[0] === "L") !== (ruleSet.loadError !== null))
            wrong.push(
              `file ${i}: EMQX ${answers[0] === "L" ? "refuses" : "loads"} it, we ${ruleSet.loadError ? `refuse it (${ruleSet.loadError.message})` : "load it"}\n${c.text}`,
            );
          return;
        }
        loaded++;
        const decider = compileDecider(ruleSet);
        c.requests.forEach((r, k) => {
          if (answers[k] === "-") return;
          decided++;
          const req = fromWire(r);
          const linear = answerOf(decideLinear(ruleSet, req));
          const indexed = answerOf(decider.decide(req));
          if (linear !== answers[k] || indexed !== answers[k])
            wrong.push(
              `file ${i} request ${k}: EMQX ${answers[k]}, linear ${linear}, indexed ${indexed}\n${JSON.stringify(r)}\n${c.text}`,
            );
        });
      });
      expect(wrong.slice(0, 5).join("\n\n")).toBe("");
      // not vacuous: most files load and thousands of requests reach the rules
      expect(loaded).toBeGreaterThan(count / 3);
      expect(decided).toBeGreaterThan(5_000);
    });
  });
}
