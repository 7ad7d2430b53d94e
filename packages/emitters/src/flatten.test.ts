import type { Condition } from "@emqx-acl/core";
import { describe, expect, it } from "vitest";
import { simplifyConjunct, toDnf } from "./flatten";
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

describe("Redis values", () => {
  it("merges publish and subscribe into all, and refuses what one value cannot say", () => {
    expect(valueForMask(actionMask(true, false, [0, 1, 2], "all") | actionMask(false, true, [0, 1, 2], "all"))).toBe(
      "all",
    );
    expect(valueForMask(actionMask(true, false, [1], true))).toBe('{"action":"publish","qos":[1],"retain":true}');
    expect(valueForMask(actionMask(true, false, [1], "all") | actionMask(false, true, [2], "all"))).toBeNull();
  });
});
