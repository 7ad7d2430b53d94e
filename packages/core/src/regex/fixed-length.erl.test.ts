/**
 * PCRE 8's lookbehind length rule (fixed-length.ts) against re:compile and re:run (OTP 25):
 * branches of every kind of item, subroutine calls to groups before and after the
 * lookbehind (resolved at the pattern's end), conditional groups, (*ACCEPT), quantifiers.
 * Each pattern must get erl's verdict: the same error at the same offset, or the same
 * answer on every subject.
 */
import { describe, expect, it } from "vitest";
import { generatedDisagreements } from "./erl-agreement";
import { erlAvailable } from "./erl-oracle";

/** Items of a lookbehind branch: fixed ones, variable ones, and calls to groups 1 and 2. */
const ITEMS = [
  "a",
  "b",
  "[ab]",
  "\\d",
  ".",
  "ab",
  "a{2}",
  "a{0}",
  "a?",
  "a*",
  "a{1,2}",
  "\\b",
  "^",
  "(?=a)",
  "(?!b)",
  "(?<=a)",
  "(?:a|b)",
  "(?:a|bc)",
  "(?>ab)",
  "(?(1)a)",
  "(?(1)a|b)",
  "(?(1)a|bc)",
  "(?(1)a|)",
  "(*ACCEPT)",
  "(*FAIL)",
  "(?:(*ACCEPT)a|b)",
  "\\1",
  "\\X",
  "(?1)",
  "(?2)",
  "(?1){2}",
  "(?2)?",
  "(?:(?1))+",
  "(?:(?2)b)",
];

/** Bodies of group 1 and group 2 (a call inside its own group is a recursion). */
const GROUPS = ["a", "bc", "a|b", "a|bc", "a*", "\\d\\d", "(?2)", "(?1)", "a(?2)", "(?=x)a", "(*ACCEPT)ab", "x?"];

function pattern(r: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const branch = () => Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(ITEMS)).join("");
  const branches = Array.from({ length: 1 + Math.floor(r() * 2) }, branch);
  const look = `(?<${r() < 0.7 ? "=" : "!"}${branches.join("|")})`;
  const g1 = `(${pick(GROUPS)})`;
  const g2 = `(${pick(GROUPS)})`;
  // the lookbehind before, between or after the groups it may call, or inside group 1
  // (where a call to group 1 is a recursion)
  const order = Math.floor(r() * 4);
  if (order === 3) return `(${pick(["", "a", "ab"])}${look})x${g2}`;
  return order === 0 ? `${look}x${g1}${g2}` : order === 1 ? `${g1}${look}x${g2}` : `${g1}${g2}${look}x`;
}

describe("lookbehind lengths, against erl", () => {
  it("has erl available", () => {
    expect(erlAvailable()).toBe(true);
  });

  it("refuses exactly the lookbehinds re:compile refuses, where it does, and matches as re:run does (property)", () => {
    const { problems, refused, compiled, matched } = generatedDisagreements(pattern, 5050);
    expect(problems.slice(0, 20)).toEqual([]);
    // both outcomes are well represented
    expect(Math.min(refused, compiled)).toBeGreaterThan(200);
    expect(matched).toBeGreaterThan(100);
  });
});
