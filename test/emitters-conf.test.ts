/**
 * Every `authz-source.conf` an EMQX 5/6 target writes is valid HOCON (read with our HOCON
 * loader) and says what the emitter meant: the source type, the query / command / filter
 * text unchanged (placeholders inside quoted strings are not HOCON substitutions), and the
 * `no_match` default when a catch-all rule became one.
 */
import { configGet, loadHocon, type ConfigValue } from "../packages/syntax/src/index";
import { emitterFor, sqlQuery, type TargetName } from "../packages/emitters/src/index";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../packages/analysis/src/index";

const FILE = `{allow, {username, "u1"}, publish, ["t/\${username}/#"]}.\n{allow, {clientid, "c'1\\"x"}, subscribe, ["s/#"]}.\n{deny, all}.\n`;

function scalar(v: ConfigValue | undefined): string | undefined {
  return v && v.kind === "scalar" ? v.value : undefined;
}

describe("authz-source.conf", () => {
  for (const target of ["mysql", "postgresql", "redis", "mongodb", "emqx-api"] as TargetName[]) {
    for (const emqx of ["v5", "v6"] as const) {
      it(`${target} (EMQX ${emqx.slice(1)}) is valid HOCON with the intended source`, () => {
        const rules = loadRuleSet(FILE.replace(/\{clientid[^}]*\}/, target === "redis" ? '{username, "u2"}' : "$&"), {
          dialect: "v5",
        }).lowered.ruleSet.rules;
        const r = emitterFor(target).emit(rules, { dialect: "v5", targetDialect: emqx });
        expect(r.refusals).toEqual([]);
        const conf = loadHocon(r.files.find((f) => f.name === "authz-source.conf")!.content, "authz-source.conf");
        expect(conf.diagnostics.filter((d) => d.diagnostic.severity === "error")).toEqual([]);
        expect(scalar(configGet(conf.root, "authorization.no_match"))).toBe("deny");
        const sources = configGet(conf.root, "authorization.sources");
        expect(sources?.kind).toBe("array");
        const src = (sources as { items: ConfigValue[] }).items[0];
        const type = scalar(configGet(src as never, "type"));
        expect(type).toBe(target === "emqx-api" ? "built_in_database" : target);
        if (target === "mysql" || target === "postgresql")
          expect(scalar(configGet(src as never, "query"))).toBe(
            sqlQuery(target, target === "mysql" ? "`mqtt_acl`" : '"mqtt_acl"', [], false),
          );
        if (target === "redis") expect(scalar(configGet(src as never, "cmd"))).toBe("HGETALL mqtt_acl:u:${username}");
        if (target === "mongodb") expect(configGet(src as never, "filter.username")?.kind).toBe("object");
      });
    }
  }
});
