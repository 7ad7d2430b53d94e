import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eqWords, matchFilterText, matchWords, words } from "./topic";

const m = (n: string, f: string, guard = false) => matchWords(words(n), words(f), guard);

describe("topic matching", () => {
  it("splits empty levels", () => {
    expect(words("")).toEqual([""]);
    expect(words("/a")).toEqual(["", "a"]);
    expect(words("a/")).toEqual(["a", ""]);
  });
  it("follows emqx_topic:match/2, filter against filter", () => {
    expect(m("a/b", "a/+")).toBe(true);
    expect(m("a/#", "a/+")).toBe(true);
    expect(m("#", "+")).toBe(true);
    expect(m("t/+/x", "t/#")).toBe(true);
    expect(m("t/#", "t/+/x")).toBe(false);
    expect(m("a/+", "a/b")).toBe(false);
    expect(m("a", "a/#")).toBe(true);
    expect(m("a/", "a")).toBe(false);
    expect(m("/a", "+/a")).toBe(true);
    expect(m("a/b/c", "a/#/c")).toBe(false);
    expect(m("a/#/c", "a/#/c")).toBe(true);
    expect(m("a/b+", "a/+")).toBe(true);
    expect(m("#/x", "#")).toBe(false);
    expect(m("#", "#")).toBe(true);
  });
  it("applies the $ guard only on the first level and only when asked", () => {
    expect(m("$SYS/x", "#")).toBe(true);
    expect(m("$SYS/x", "#", true)).toBe(false);
    expect(m("$SYS/x", "+/x", true)).toBe(false);
    expect(m("$SYS/x", "$SYS/#", true)).toBe(true);
    expect(m("a/$x", "a/#", true)).toBe(true);
  });
  it("compares eq topics literally", () => {
    expect(eqWords(words("a/+"), words("a/+"))).toBe(true);
    expect(eqWords(words("a/b"), words("a/+"))).toBe(false);
  });
});

describe("matchFilterText", () => {
  it("agrees with matchWords on the split filter (random topics of a, b, +, #, $x and empty levels)", () => {
    const topic = fc
      .array(fc.constantFrom("a", "b", "+", "#", "$x", "", "ab"), { minLength: 1, maxLength: 5 })
      .map((ws) => ws.join("/"));
    fc.assert(
      fc.property(topic, topic, fc.boolean(), (n, f, guard) => {
        expect(matchFilterText(words(n), f, guard)).toBe(matchWords(words(n), words(f), guard));
      }),
      { seed: 11, numRuns: 5000 },
    );
  });
});
