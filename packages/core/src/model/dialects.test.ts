import { describe, expect, expectTypeOf, it } from "vitest";
import {
  CAPABILITIES,
  DIALECTS,
  capabilities,
  dialectsWhere,
  isDialect,
  runsHardened,
  type Dialect,
  type DialectCapabilities,
} from "./dialects";

describe("dialect capabilities", () => {
  it("has one record per dialect and no other (type level too)", () => {
    expectTypeOf<keyof typeof CAPABILITIES>().toEqualTypeOf<Dialect>();
    expectTypeOf<(typeof DIALECTS)[number]>().toEqualTypeOf<Dialect>();
    expect(Object.keys(CAPABILITIES).sort()).toEqual([...DIALECTS].sort());
  });

  it("gives every dialect every capability, each defined", () => {
    // the interface is the list: a record built by spreading another cannot drop a field
    // at the type level, but a field set to undefined through a cast would slip through
    const fields = Object.keys(CAPABILITIES.v5).sort();
    for (const d of DIALECTS) {
      const c: DialectCapabilities = capabilities(d);
      expect(Object.keys(c).sort(), d).toEqual(fields);
      for (const f of fields) expect(c[f as keyof DialectCapabilities], `${d}.${f}`).not.toBeUndefined();
    }
  });

  it("names each version differently, oldest first", () => {
    const majors = DIALECTS.map((d) => capabilities(d).major);
    expect(majors).toEqual([...majors].sort((a, b) => a - b));
    expect(new Set(DIALECTS.map((d) => capabilities(d).name)).size).toBe(DIALECTS.length);
  });

  it("keeps capabilities that imply each other consistent", () => {
    for (const d of DIALECTS) {
      const c = capabilities(d);
      // the placeholders EMQX 4 spells %u fill one level; template spellings are ${…}
      expect(c.placeholderSpelling.username.startsWith("${"), d).toBe(c.placeholders === "template");
      // only the 5+ compiler (emqx_authz_rule) reads {Action, [Option]}
      expect(c.actionOptions, d).toBe(c.ruleCompiler === "emqx_authz_rule");
      // topic_template_allow guards ${…} values: there is nothing to guard with %u levels
      if (c.templateGuard) expect(c.placeholders, d).toBe("template");
      // raw-rule who keys are a property of the 5+ raw-rule sources
      if (c.rawRuleWhoKeys) expect(c.backendRules, d).toBe("raw-rules");
    }
  });

  it("runs the hardened profile only where profiles exist", () => {
    for (const d of DIALECTS) {
      expect(runsHardened(d, "hardened")).toBe(capabilities(d).securityProfiles);
      expect(runsHardened(d, "legacy")).toBe(false);
      expect(runsHardened(d, undefined)).toBe(false);
    }
  });

  it("tells dialect names from other values", () => {
    for (const d of DIALECTS) expect(isDialect(d)).toBe(true);
    for (const x of ["auto", "v3", "", null, 5, "V5"]) expect(isDialect(x)).toBe(false);
  });

  it("lists the dialects a capability holds in, oldest first", () => {
    expect(dialectsWhere((c) => c.placeholders === "percent")).toEqual(["v4"]);
    expect(dialectsWhere((c) => c.placeholders === "template" && !c.templateGuard)).toEqual(["v5"]);
    expect(dialectsWhere((c) => c.zoneListener)).toEqual(["v6"]);
    expect(dialectsWhere(() => true)).toEqual([...DIALECTS]);
  });
});
