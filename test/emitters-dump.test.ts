/**
 * `import --from mysql|postgresql FILE`: the seed.sql `compile` writes, read back without a
 * server, must decide every request of every accepted conformance case like the original,
 * and give back hostile bytes exactly.
 */
import { decideLinear, toBytes } from "../packages/core/src/index";
import { erlBinary, importSqlDump, mysqlEmitter, postgresqlEmitter } from "../packages/emitters/src/index";
import { describe, expect, it } from "vitest";
import { loadCases, show } from "./support/db-cases";
import { loadRuleSet } from "../packages/analysis/src/index";

const cases = loadCases();

describe("import from a seed.sql file", () => {
  for (const [flavor, emitter] of [
    ["mysql", mysqlEmitter],
    ["postgresql", postgresqlEmitter],
  ] as const) {
    it(`${flavor}: decides like the original for every accepted case`, () => {
      let compared = 0;
      const bad: string[] = [];
      for (const c of cases) {
        const r = emitter.emit(c.ruleSet.rules, { dialect: c.dialect });
        if (r.refusals.length) continue;
        const imported = importSqlDump(r.files[0].content, flavor, "mqtt_acl", c.dialect, "seed.sql", r.noMatch);
        expect(imported.errors).toEqual([]);
        const back = loadRuleSet(imported.text, { dialect: c.dialect }).lowered.ruleSet;
        expect(back.loadError, imported.text).toBeNull();
        c.requests.forEach((req, i) => {
          compared++;
          const got = decideLinear(back, req);
          if (got.decision !== c.expected[i].decision)
            bad.push(`${c.dialect}/${c.name} request ${i + 1}: file ${show(c.expected[i])}, imported ${show(got)}`);
        });
      }
      expect(bad).toEqual([]);
      expect(compared).toBeGreaterThan(1000);
    });
  }

  it("gives back hostile bytes exactly", () => {
    const names = ["it's", "a\\b", "\n\r\t", "😀\u200f", "100%_", "\x01"].map(toBytes);
    const text = names
      .map((n, i) => `{allow, {username, ${erlBinary(n)}}, publish, [${erlBinary(`t/${i}/${n}`)}]}.`)
      .join("\n");
    const rules = loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet.rules;
    for (const [flavor, emitter] of [
      ["mysql", mysqlEmitter],
      ["postgresql", postgresqlEmitter],
    ] as const) {
      const seed = emitter.emit(rules, { dialect: "v5" }).files[0].content;
      const back = loadRuleSet(importSqlDump(seed, flavor, "mqtt_acl", "v5", "seed.sql").text, { dialect: "v5" })
        .lowered.ruleSet.rules;
      expect(
        back.map((r) => (r.who.kind === "username" && r.who.match.kind === "exact" ? r.who.match.value : "?")),
      ).toEqual(names);
      expect(back.map((r) => (r.topics.kind === "list" ? r.topics.items[0].text : "?"))).toEqual(
        names.map((n, i) => `t/${i}/${n}`),
      );
    }
  });
});
