import { loadRuleSet } from "@emqx-acl/analysis";
import { capabilities, words, type Dialect } from "@emqx-acl/core";
import { describe, expect, it } from "vitest";
import { meetRuleTopics, meetWords } from "./topic-meet";

const w = (t: string) => words(t);

describe("meetWords", () => {
  it.each([
    ["a/#", "a/+", "a/+"],
    ["a/#", "a", "a"],
    ["#", "$SYS/#", null],
    ["+/#", "$SYS/x", null],
    ["$SYS/#", "$SYS/+/stats", "$SYS/+/stats"],
    ["+/b/#", "a/+/c", "a/b/c"],
    ["a/b", "a/c", null],
    ["a/+", "a/+/c", null],
    ["#", "#", "#"],
  ])("%s ∩ %s = %s", (a, b, expected) => {
    const m = meetWords(w(a), w(b), true);
    expect(m === null ? null : m.join("/")).toBe(expected);
    const n = meetWords(w(b), w(a), true);
    expect(n === null ? null : n.join("/")).toBe(expected);
  });

  it("without the $ rule (EMQX 4), '#' meets a $ filter", () => {
    expect(meetWords(w("#"), w("$SYS/#"), false)).toEqual(["$SYS", "#"]);
  });
});

describe("meetRuleTopics", () => {
  const meet = (acl: string, f: string, dialect: Dialect = "v5") => {
    const rule = loadRuleSet(acl, { dialect }).lowered.ruleSet.rules[0];
    return meetRuleTopics(rule, w(f), acl, (t) => t.startsWith("$SYS/"), capabilities(dialect).dollarGuard);
  };

  it("narrows filters, keeps {eq} items inside the region, drops what cannot meet", () => {
    expect(
      meet(`{allow, all, subscribe, ["#", "$SYS/brokers/+", {eq, "$SYS/x"}, {eq, "a"}, "a/#"]}.`, "$SYS/#"),
    ).toEqual({
      items: ['"$SYS/brokers/+"', '{eq, "$SYS/x"}'],
      approximate: null,
    });
    expect(meet(`{allow, all, subscribe, all}.`, "$SYS/#")).toEqual({ items: ['"$SYS/#"'], approximate: null });
  });

  it("keeps a template whole when the filter leaves its placeholder free, and says when that is approximate", () => {
    expect(meet(`{allow, all, subscribe, ["t/\${username}/#"]}.`, "t/#")).toEqual({
      items: ['"t/${username}/#"'],
      approximate: null,
    });
    expect(meet(`{allow, all, subscribe, ["t/\${username}/#"]}.`, "u/#")).toEqual({ items: [], approximate: null });
    expect(meet(`{allow, all, subscribe, ["\${username}/#"]}.`, "$SYS/#")).toEqual({
      items: ['"${username}/#"'],
      approximate: "its topic '${username}/#' could not be narrowed to '$SYS/#'",
    });
  });

  it("EMQX 4: '#' and '+' reach $-topics, and a %u level is a placeholder, not the literal '%u'", () => {
    expect(meet(`{allow, all, subscribe, ["#"]}.`, "$SYS/#", "v4")).toEqual({ items: ['"$SYS/#"'], approximate: null });
    expect(meet(`{allow, all, subscribe, ["+/brokers"]}.`, "$SYS/#", "v4")).toEqual({
      items: ['"$SYS/brokers"'],
      approximate: null,
    });
    // a user named $SYS renders '%u/#' to '$SYS/#': the rule must not be dropped
    expect(meet(`{allow, all, subscribe, ["%u/#"]}.`, "$SYS/#", "v4").items).toEqual(['"%u/#"']);
    expect(meet(`{allow, all, subscribe, ["t/%u/#"]}.`, "u/#", "v4").items).toEqual([]);
  });
});
