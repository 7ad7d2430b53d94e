/**
 * PCRE 8's "recursive call could loop indefinitely" (left-recursion.ts) against re:compile
 * and re:run (OTP 25): calls to an enclosing group or to the whole pattern, behind every
 * kind of item and inside every kind of bracket. Each pattern must get erl's verdict (the
 * same error at the same offset, or the same answer on every subject) and none may be
 * left unsupported.
 */
import { describe, expect, it } from "vitest";
import { generatedDisagreements } from "./erl-agreement";
import { erlAvailable } from "./erl-oracle";

/**
 * Items before a call: empty ones (each a different reason PCRE sees), ones that consume,
 * and calls to the other group `O` (a forward reference, or a closed group before).
 */
const PREFIXES = [
  "",
  "a",
  "a?",
  "a*",
  "a+",
  "a*+",
  "a++",
  "a{0}",
  "a{0,2}",
  "a{2,}",
  "\\d*",
  "[ab]?",
  ".*",
  "\\X",
  "\\R",
  "\\b",
  "^",
  "$",
  "\\z",
  "(?=x)",
  "(?!x)",
  "(?<=x)",
  "(?:)",
  "(?:a|)",
  "(?:a|b)",
  "(?:a)?",
  "(?:a)+",
  "(?>a|)",
  "(?>a)",
  "(?(S)a)",
  "(?(S)a|b)",
  "(?(S)a|)",
  "\\O",
  "\\O*",
  "(?O)",
  "(?O)?",
  "(?O)+",
  "(?:(?O)a)",
  "(?:a(?O))",
  "(*FAIL)",
  "(*MARK:m)",
  "(?i)",
  "\\Q\\E",
  "(?#c)",
];

/** Brackets around the call (X): groups, alternatives, assertions, conditions, quantifiers. */
const WRAPPERS = [
  "X",
  "(?:X)",
  "(?:a|X)",
  "(?:X|a)",
  "(?:|X)",
  "(?=X)",
  "(?!X)",
  "(?=a|X)",
  "(?=|aX)",
  "(?>X)",
  "(?(S)X|b)",
  "(?(S)b|X)",
  "(?(?=X)a|b)",
  "(?:X)?",
  "(?:X){0}",
  "(?:X)+",
  "X?",
  "X*",
  "(?:a(?:X))",
  "(?:(?:X)b)",
];

/** Calls to the group `S` holding them (or to the whole pattern). */
const CALLS = ["(?S)", "(?R)", "(?&n)", "\\g<S>", "(?-1)"];

/** What the other group `O` holds when it comes first: it may match empty or not. */
const OTHER = ["b", "", "b|", "b*", "(?:b)+", "(?=b)"];

/**
 * Group `S` (named n) holding prefix + wrapped call, beside the other group `O`: after it,
 * so that `(?O)` is a forward reference, or before it, a closed group.
 */
function pattern(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const otherFirst = r() < 0.5;
  const [self, other] = otherFirst ? ["2", "1"] : ["1", "2"];
  const call = pick(CALLS);
  const inner = pick(WRAPPERS).replace("X", pick(PREFIXES) + call);
  const open = r() < 0.5 ? "(?<n>" : "(";
  const group = `${open}${pick(PREFIXES)}${inner}${r() < 0.3 ? "|c" : ""})`;
  const outer = r() < 0.25 ? `x|${group}` : r() < 0.5 ? `(?:${group})` : group;
  const text = otherFirst ? `(${pick(OTHER)})${outer}c` : `${outer}(${pick(OTHER)})${r() < 0.5 ? "" : "c"}`;
  return text.replace(/S/g, self).replace(/O/g, other);
}

describe("recursive calls that could loop, against erl", () => {
  it("has erl available", () => {
    expect(erlAvailable()).toBe(true);
  });

  it("refuses exactly the calls re:compile refuses, and matches as re:run does otherwise (property)", () => {
    const { problems, refused, compiled, matched } = generatedDisagreements(pattern, 4040);
    expect(problems.slice(0, 20)).toEqual([]);
    // both outcomes are well represented
    expect(Math.min(refused, compiled)).toBeGreaterThan(200);
    expect(matched).toBeGreaterThan(100);
  });
});
