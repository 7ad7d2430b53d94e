import { describe, expect, it } from "vitest";
import { isCatchAll, whoIsAll } from "./catch-all";
import type { Condition, Rule } from "./rule";

const s = { start: 0, end: 0 };
const all: Condition = { kind: "all", ...s };
const user = (v: string): Condition => ({ kind: "username", match: { kind: "exact", value: v }, ...s });
const rule = (topics: Rule["topics"], who: Condition = all, qos: Rule["action"]["qos"] = [0, 1, 2]): Rule => ({
  index: 1,
  permission: "allow",
  who,
  shorthand: false,
  ...s,
  action: { publish: true, subscribe: true, qos, retain: "all", ...s },
  topics,
});
const everyTopic: Rule["topics"] = { kind: "all", ...s };
const hash: Rule["topics"] = { kind: "list", items: [{ kind: "filter", text: "#", words: ["#"], ...s }], ...s };

describe("isCatchAll", () => {
  it("topic list all matches everything; # only in EMQX 4 (5+ keep $-topics from it)", () => {
    expect(isCatchAll(rule(everyTopic), "v5")).toBe(true);
    expect(isCatchAll(rule(hash), "v4")).toBe(true);
    expect(isCatchAll(rule(hash), "v5")).toBe(false);
    expect(isCatchAll(rule(hash), "v6")).toBe(false);
    expect(isCatchAll(rule(everyTopic, user("u")), "v5")).toBe(false);
  });

  it("an or with all admits every client; an and needs all of its items", () => {
    expect(whoIsAll({ kind: "or", items: [user("u"), all], ...s })).toBe(true);
    expect(whoIsAll({ kind: "and", items: [all, all], ...s })).toBe(true);
    expect(whoIsAll({ kind: "and", items: [all, user("u")], ...s })).toBe(false);
    expect(whoIsAll({ kind: "or", items: [], ...s })).toBe(false);
    expect(isCatchAll(rule(everyTopic, { kind: "or", items: [user("u"), all], ...s }), "v5")).toBe(true);
  });

  it("needs every QoS, however often one is written", () => {
    expect(isCatchAll(rule(everyTopic, all, [0, 1, 1]), "v5")).toBe(false);
    expect(isCatchAll(rule(everyTopic, all, [0, 1, 1, 2]), "v5")).toBe(true);
  });
});
