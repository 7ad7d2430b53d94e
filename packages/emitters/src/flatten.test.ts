import type { Condition, Rule } from "@emqx-acl/core";
import { describe, expect, it } from "vitest";
import { isCatchAll, simplifyConjunct, toDnf } from "./flatten";
import { actionMask, valueForMask } from "./redis";

const s = { start: 0, end: 0 };
const user = (v: string): Condition => ({ kind: "username", match: { kind: "exact", value: v }, ...s });
const client = (v: string): Condition => ({ kind: "clientid", match: { kind: "exact", value: v }, ...s });

describe("toDnf", () => {
  it("expands and/or into conjunctions", () => {
    const c: Condition = {
      kind: "and",
      items: [{ kind: "or", items: [user("a"), user("b")], ...s }, client("c")],
      ...s,
    };
    expect(toDnf(c)!.map((x) => x.map((a) => (a as { match: { value: string } }).match.value))).toEqual([
      ["a", "c"],
      ["b", "c"],
    ]);
  });
  it("empty and is true, empty or is false", () => {
    expect(toDnf({ kind: "and", items: [], ...s })).toEqual([[]]);
    expect(toDnf({ kind: "or", items: [], ...s })).toEqual([]);
  });
  it("conflicting exact names make a conjunction unsatisfiable", () => {
    expect(
      simplifyConjunct([
        { kind: "username", match: { kind: "exact", value: "a" } },
        { kind: "username", match: { kind: "exact", value: "b" } },
      ]),
    ).toBeNull();
    expect(
      simplifyConjunct([
        { kind: "username", match: { kind: "exact", value: "a" } },
        { kind: "username", match: { kind: "exact", value: "a" } },
      ]),
    ).toHaveLength(1);
  });
});

describe("isCatchAll", () => {
  const rule = (topics: Rule["topics"], who: Condition = { kind: "all", ...s }): Rule => ({
    index: 1,
    permission: "allow",
    who,
    shorthand: false,
    ...s,
    action: { publish: true, subscribe: true, qos: [0, 1, 2], retain: "all", ...s },
    topics,
  });
  it("topic list all matches everything; # only in EMQX 4", () => {
    expect(isCatchAll(rule({ kind: "all", ...s }), "v5")).toBe(true);
    const hash: Rule["topics"] = { kind: "list", items: [{ kind: "filter", text: "#", words: ["#"], ...s }], ...s };
    expect(isCatchAll(rule(hash), "v4")).toBe(true);
    expect(isCatchAll(rule(hash), "v5")).toBe(false);
    expect(isCatchAll(rule({ kind: "all", ...s }, user("u")), "v5")).toBe(false);
  });
});

describe("Redis values", () => {
  it("merges publish and subscribe into all, and refuses what one value cannot say", () => {
    expect(valueForMask(actionMask(true, false, [0, 1, 2], "all") | actionMask(false, true, [0, 1, 2], "all"))).toBe(
      "all",
    );
    expect(valueForMask(actionMask(true, false, [1], true))).toBe('{"action":"publish","qos":[1],"retain":true}');
    expect(valueForMask(actionMask(true, false, [1], "all") | actionMask(false, true, [2], "all"))).toBeNull();
  });
});
