/**
 * The OTP 28 (PCRE2, C-locale tables) flavor used for EMQX 6.1+/HEAD. No OTP 28 is installed
 * here: these tests pin what the source says (erl_bif_re.c sets no tables;
 * pcre2_chartables.c is the C-locale table) and what PCRE2 10.45 was measured to do
 * (pcre2-measured.test.ts holds the wider sample).
 */
import { describe, expect, it } from "vitest";
import { compileErlangRegex, regexFlavorFor } from "./compile";
import { regexFlavorDifference } from "./flavor-diff";
import { dfaAccepts } from "./dfa";
import { regexToDfa } from "./regex-dfa";
import { answerOf } from "./erl-agreement";

const pcre2 = { flavor: "pcre2-ascii" as const };
const test = (p: string, s: string, o = {}) => {
  const r = compileErlangRegex(p, o);
  if (r.kind !== "ok") throw new Error(`${p}: ${JSON.stringify(r)}`);
  return r.test(s);
};

describe("regex flavors", () => {
  it("maps dialects to the engine their broker runs", () => {
    expect(regexFlavorFor("v5")).toBe("pcre1-latin1");
    expect(regexFlavorFor("v6")).toBe("pcre2-ascii");
  });
  it("uses ASCII tables under PCRE2 and Latin-1 ones under PCRE 8", () => {
    expect(test("^\\w+$", "caf\xe9")).toBe(true);
    expect(test("^\\w+$", "caf\xe9", pcre2)).toBe(false);
    expect(test("(?i)^\\xe9$", "\xc9")).toBe(true);
    expect(test("(?i)^\\xe9$", "\xc9", pcre2)).toBe(false);
    expect(test("(?i)^abc$", "ABC", pcre2)).toBe(true);
    expect(test("\\bfoo", "\xe9foo")).toBe(false);
    expect(test("\\bfoo", "\xe9foo", pcre2)).toBe(true);
    expect(test("[[:alpha:]]", "\xe9", pcre2)).toBe(false);
    expect(test("[[:ascii:]]", "\x80")).toBe(true);
    expect(test("[[:ascii:]]", "\x80", pcre2)).toBe(false);
    expect(test("^[[:punct:]]$", "\xd7", pcre2)).toBe(false);
  });
  it("reads syntax the PCRE2 way where it differs (measured with PCRE2 10.45), and refuses to guess the rest", () => {
    // PCRE 8 takes these as literal text or a class member, or as never true; PCRE2 refuses them
    for (const p of ["\\i", "\\F", "[\\d-z]", "[\\B]", "\\8", "\\x", "\\c\x01", "(?(R1)a)", "(?=a\\K)", "(?X)a"]) {
      expect(compileErlangRegex(p, pcre2).kind, p).toBe("invalid");
      expect(compileErlangRegex(p).kind, p).toBe("ok");
    }
    // PCRE2 compiles these, PCRE 8 refuses them
    for (const p of ["(?^i)a", "a(*ACCEPT)?b", "(?R)a"]) {
      expect(compileErlangRegex(p, pcre2).kind, p).not.toBe("invalid");
      expect(compileErlangRegex(p).kind, p).toBe("invalid");
    }
    expect(test("(?^i)a", "A", pcre2)).toBe(true);
    expect(test("a{,2}b", "aab", pcre2)).toBe(true);
    expect(test("a{,2}b", "aab")).toBe(false);
    expect(test("a{ 2 }b", "aab", pcre2)).toBe(true);
    expect(test("\\p{ l u }", "A", pcre2)).toBe(true);
    // PCRE2 backtracks into a subroutine call: (?1) can give back a character
    const call = compileErlangRegex("^(?1)([a-c]{1,3})$", pcre2);
    expect(call.kind === "ok" || call.kind === "partial" ? answerOf(call, "abc") : call).toBe(true);
    expect(test("^(?1)([a-c]{1,3})$", "abc")).toBe(false);
    // not modelled: variable-length lookbehind, \X, (?n), scripts (matched by Script_Extensions)
    for (const p of ["(?<=ab?)c", "\\X", "(?n)(a)", "\\p{Latin}"])
      expect(compileErlangRegex(p, pcre2).kind, p).toBe("unsupported");
  });
  it("folds caseless backreferences with the flavor's table (ASCII only under PCRE2)", () => {
    expect(test("(?i)^(\\xe9)\\1$", "\xe9\xc9", pcre2)).toBe(false);
    expect(test("(?i)^(\\xe9)\\1$", "\xe9\xc9")).toBe(true);
    expect(test("(?i)^(a)\\1$", "aA", pcre2)).toBe(true);
  });
  it("still reports plain errors and keeps common patterns", () => {
    expect(compileErlangRegex("(", pcre2)).toMatchObject({ kind: "invalid", message: "missing )" });
    expect(test("^sensor-\\d+$", "sensor-12", pcre2)).toBe(true);
    expect(test("^dashboard$", "dashboard\n", pcre2)).toBe(true);
  });
  it("builds DFAs with the flavor's tables", () => {
    const d = regexToDfa("^\\w+$", pcre2);
    if ("unsupported" in d) throw new Error(d.unsupported);
    expect(dfaAccepts(d, "abc")).toBe(true);
    expect(dfaAccepts(d, "ab\xe9")).toBe(false);
    expect(regexToDfa("\\i", pcre2)).toHaveProperty("unsupported");
  });
});

describe("regexFlavorDifference", () => {
  it("is null for patterns OTP 28 reads the same way", () => {
    for (const p of [
      "^dashboard$",
      "^sensor-[0-9]+$",
      "^u\\d+$",
      "(?i)^root$",
      "^\xc3\xbc",
      ".*",
      "^[A-Za-z0-9_-]+$",
      "(",
    ]) {
      expect(regexFlavorDifference(p), p).toBeNull();
    }
  });
  it("names what changes", () => {
    expect(regexFlavorDifference("^\\w+$")).toMatch(/non-ASCII/);
    expect(regexFlavorDifference("(?i)caf\\xe9")).toMatch(/non-ASCII/);
    expect(regexFlavorDifference("\\bfoo")).toMatch("\\b / \\B");
    expect(regexFlavorDifference("a{,3}")).toMatch(/PCRE2/);
    expect(regexFlavorDifference("(?<=ab?)c")).toMatch(/PCRE2/);
  });
});
