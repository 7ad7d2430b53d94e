/**
 * Issue 16: a leading U+FEFF in a username or topic is part of it (EMQX compares bytes).
 * Every target keeps it: the rule stays the rule of that exact name.
 */
import { describe, expect, it } from "vitest";
import { emitterFor, TARGETS } from "../packages/emitters/src/index";
import { loadRuleSet } from "../packages/analysis/src/index";

describe("a leading U+FEFF survives every compile target", () => {
  const rules = loadRuleSet('{allow, {username, "\uFEFFadmin"}, publish, ["\uFEFFt/#"]}.\n', { dialect: "v5" }).lowered
    .ruleSet.rules;
  for (const target of TARGETS) {
    it(target, () => {
      const r = emitterFor(target).emit(rules, { dialect: "v5" });
      const text = r.files.map((f) => f.content).join("\n");
      // as text, or as the UTF-8 bytes EF BB BF in a byte-level format (RESP is latin1, SQL may hex it)
      if (target === "acl") {
        const back = loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet.rules[0];
        expect(back.who.kind === "username" && back.who.match.kind === "exact" && back.who.match.value).toBe(
          "\xEF\xBB\xBFadmin",
        );
        return;
      }
      expect(
        /\uFEFFadmin|\xEF\xBB\xBFadmin|efbbbf61646d696e|\\ufeffadmin|\\xEF\\xBB\\xBFadmin/i.test(text),
        text.slice(0, 600),
      ).toBe(true);
    });
  }
});
