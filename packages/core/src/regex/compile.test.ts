import { describe, expect, it } from "vitest";
import { otherCase } from "./byte-set";
import { compileErlangRegex } from "./compile";

const ok = (p: string) => {
  const r = compileErlangRegex(p);
  if (r.kind !== "ok") throw new Error(`${p}: ${JSON.stringify(r)}`);
  return r;
};

describe("compileErlangRegex", () => {
  it("searches unanchored and treats $ as end-or-before-final-newline", () => {
    expect(ok("admin").test("xadminx")).toBe(true);
    expect(ok("^dashboard$").test("dashboard\n")).toBe(true);
    expect(ok("^dashboard$").test("dashboard\n\n")).toBe(false);
    expect(ok("^dashboard\\z").test("dashboard\n")).toBe(false);
  });
  it("works on bytes: . is one byte of a UTF-8 character", () => {
    expect(ok("^.$").test("\xc3\xa9")).toBe(false);
    expect(ok("^..$").test("\xc3\xa9")).toBe(true);
  });
  it("uses Erlang's Latin-1 tables for \\w and (?i)", () => {
    expect(ok("^\\w$").test("\xe9")).toBe(true);
    expect(ok("(?i)^\\xe9$").test("\xc9")).toBe(true);
    expect(ok("^ABC$").test("abc")).toBe(false);
    expect(ok("(?i)^ABC$").test("abc")).toBe(true);
  });
  it("reports what re:compile rejects, in PCRE's words", () => {
    expect(compileErlangRegex("(")).toEqual({ kind: "invalid", message: "missing )", offset: 1 });
    expect(compileErlangRegex("a{3,2}")).toMatchObject({
      kind: "invalid",
      message: "numbers out of order in {} quantifier",
    });
    expect(compileErlangRegex("*a")).toMatchObject({ kind: "invalid", message: "nothing to repeat" });
    expect(compileErlangRegex("[[:foo:]]")).toMatchObject({ kind: "invalid", message: "unknown POSIX class name" });
    expect(compileErlangRegex("(?<=a+)b")).toMatchObject({
      kind: "invalid",
      message: "lookbehind assertion is not fixed length",
    });
  });
  it("follows PCRE where a JS RegExp could not (unset groups, caseless references, recursion)", () => {
    expect(ok("(a)?b\\1").test("b")).toBe(false);
    expect(ok("(a)?b\\1").test("aba")).toBe(true);
    expect(ok("(a)(?i)\\1").test("aA")).toBe(true);
    expect(ok("(?i)(a)b\\1").test("AbA")).toBe(true);
    expect(ok("^(\\((?:[^()]|(?1))*\\))$").test("(a(b)(c(d)))")).toBe(true);
    expect(ok("^(\\((?:[^()]|(?1))*\\))$").test("(a(b)(c(d))")).toBe(false);
    expect(compileErlangRegex("(?R)")).toEqual({
      kind: "invalid",
      message: "recursive call could loop indefinitely",
      offset: 3,
    });
  });
  it("follows newline conventions (measured with re:run)", () => {
    expect(ok("(*CRLF)a$").test("a\r\n")).toBe(true);
    expect(ok("(*CRLF)a$").test("a\n")).toBe(false);
    expect(ok("(*CR)a$").test("a\r")).toBe(true);
    expect(ok("(*CRLF)a.b").test("a\rb")).toBe(true);
    expect(ok("(*CRLF)(?<=[^a])\\s").test("\r\n")).toBe(false);
    expect(ok("(*CRLF)(?<=[^a])\\n").test("\r\n")).toBe(true);
  });
  it("still answers unsupported where PCRE is not followed", () => {
    expect(compileErlangRegex("(*LIMIT_RECURSION=10)a").kind).toBe("unsupported");
    expect(compileErlangRegex("(*UTF8)\\C").kind).toBe("unsupported");
    // issue #17: characters above U+00FF in a UTF-8 pattern are followed, and so is \X
    expect(ok("^\\X$").test("\r\n")).toBe(true);
    expect(ok("(*UTF8)^\\x{100}$").test("\xc4\x80")).toBe(true);
    expect(ok("(?|(a)|(b))\\1").test("bb")).toBe(true);
  });
  it("emulates atomic groups and possessive quantifiers", () => {
    expect(ok("(?>a*)a").test("aaa")).toBe(false);
    expect(ok("a*+b").test("aab")).toBe(true);
    expect(ok("\\Qa.b\\E+").test("a.bb")).toBe(true);
  });
  it("JS's i flag over bytes folds exactly like Erlang's table (used for (?i) backreferences)", () => {
    const re = /^([^])\1$/i;
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        const expected = a === b || otherCase(a) === b;
        if (re.test(String.fromCharCode(a, b)) !== expected) throw new Error(`bytes ${a} ${b}`);
      }
    }
    expect(ok("(?i)^(.)\\1$").test("\xe9\xc9")).toBe(true);
    expect(ok("(?i)^(.)\\1$").test("\xff\xff")).toBe(true);
    expect(ok("(?i)^(.)\\1$").test("\xdf\x53")).toBe(false);
  });

  it("caches by pattern", () => {
    expect(compileErlangRegex("x+")).toBe(compileErlangRegex("x+"));
  });
});

describe("compileErlangRegex on patterns that backtrack catastrophically", () => {
  // a backtracking RegExp takes seconds at ~40 bytes and doubles per byte on these; the
  // DFA answers in time linear in the subject (EMQX's PCRE gives up at its match limit
  // and says nomatch, which is also the true answer on every subject here)
  const cases: [string, string, boolean][] = [
    ["^(a|aa)*b$", "a".repeat(5000) + "c", false],
    ["^(a|aa)*b$", "a".repeat(5000) + "b", true],
    ["(x+x+)+y", "x".repeat(5000), false],
    ["^(a+)+$", "a".repeat(5000) + "!", false],
    ["(a|a)*$", "a".repeat(5000), true],
  ];
  it.each(cases)("%s", (pattern, subject, want) => {
    const r = compileErlangRegex(pattern);
    if (r.kind !== "ok") throw new Error(`${pattern}: ${r.kind}`);
    expect(r.test(subject)).toBe(want);
  });
  it("uses the backtracking matcher for what has no DFA (a backreference)", () => {
    const r = compileErlangRegex("^(ab+)\\1$");
    if (r.kind !== "ok") throw new Error(r.kind);
    expect([r.test("abbabb"), r.test("abbab")]).toEqual([true, false]);
  });
});
