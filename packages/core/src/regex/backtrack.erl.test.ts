/**
 * The backtracking matcher against real Erlang (OTP 25, PCRE 8): generated patterns with
 * verbs, subroutine calls, recursion, conditionals, \K and callouts (issue 17), and the
 * match limit on the classic catastrophic patterns (issue 16).
 */
import { describe, expect, it } from "vitest";
import { compileErlangRegex } from "./compile";
import { answerOf } from "./erl-agreement";
import { erlAvailable, erlDecide } from "./erl-oracle";
import { genPattern, genSubjects, rng } from "./regex-gen";

const show = (pattern: string, erl: unknown, ours: unknown) =>
  `${JSON.stringify(pattern)} erl=${JSON.stringify(erl)} ours=${JSON.stringify(ours)}`;

/** Mismatches between erl and compileErlangRegex on the cases, and how many were unsupported. */
function compare(cases: { pattern: string; subjects: string[] }[]) {
  const verdicts = erlDecide(cases);
  const mismatches: string[] = [];
  const counts = { ok: 0, partial: 0, invalid: 0, unsupported: 0, subjects: 0, matched: 0, unknown: 0 };
  cases.forEach(({ pattern, subjects }, k) => {
    const erl = verdicts[k];
    const ours = compileErlangRegex(pattern);
    counts[ours.kind]++;
    if (ours.kind === "unsupported") return;
    if (erl.kind === "invalid" || ours.kind === "invalid") {
      if (erl.kind !== "invalid" || ours.kind !== "invalid" || erl.message !== ours.message)
        mismatches.push(show(pattern, erl, ours));
      return;
    }
    subjects.forEach((s, i) => {
      counts.subjects++;
      if (erl.matches[i]) counts.matched++;
      const mine = answerOf(ours, s);
      if (mine === null) return void counts.unknown++;
      if (erl.matches[i] !== null && mine !== erl.matches[i])
        mismatches.push(show(pattern, { subject: s, match: erl.matches[i] }, "differs"));
    });
  });
  return { mismatches, counts };
}

describe("backtracking matcher against erl re:run", () => {
  it("has erl available", () => {
    expect(erlAvailable()).toBe(true);
  });

  it("hand-written verbs, recursion and conditionals", () => {
    const patterns = [
      "a(?C)b",
      "(?+1)(a)",
      "^(a|b(?1))$",
      "(a)\\g<1>",
      "(a)\\g'1'",
      "(?&n)(?<n>a)",
      "x(?=a)*",
      "x(?=a){2}y",
      "((?(R)a|b(?1)))",
      "(?(DEFINE)(?<d>\\d))^(?&d)+$",
      "^(?:a(*THEN)b|ac)",
      "^(a(*THEN)b|ac)",
      "^((?:a(*THEN)b)|ac)",
      "a+(*COMMIT)b",
      "a+(*PRUNE)b|c",
      "aa(*SKIP)b|a+c",
      "(?=a(*COMMIT)b)|c",
      "(?!a(*COMMIT)b)c",
      "(?1)(a(?1)?)",
      "(a(?1)|b)",
      "(?:(?1)|a)(b)",
      "^(\\((?:[^()]|(?1))*\\))$",
      "^(?:(a)|b)(?(1)c|d)$",
      "^(?(?=a)ab|cd)$",
      "^(?(?!a)cd|ab)$",
      "^(?(?<=x)a|b)",
      "a(*MARK:x)b(*SKIP:x)c|.",
      "a(*:x)b(*SKIP:y)c|ab",
      "(a(*ACCEPT)b)c",
      "^(?=a(*ACCEPT)b)",
      "(?!a(*ACCEPT))",
      "a\\Kb",
      "(*ACCEPT:x)",
      "(*MARK)",
      "(*:)",
      "(*COMMIT:x)",
      "^((.)(?1)\\2|.)$",
      "^(a|b)(?1)$",
      "(?i)^(a)(?1)$",
      "^(?<w>\\w)(?&w)+$",
      "(?1)",
      "(?2)(a)",
      "(a)(?-2)",
      "a|(?R)",
      "(a|(?1)b)",
      "(?(R1)a|b)",
      "(?(R&n)a|b)(?<n>c)",
      "(?|(a)|(b))\\1",
      "(?|(a)(c)|(b))\\2",
      "(?|(a)(c)|(b))(d)\\3",
      "(?|(a)|(b))(?1)",
      "(?|(?<n>a)|(?<n>b))\\k<n>",
      "(?|(?<n>a)|(?<m>b))",
      "(?J)(?<n>a)|(?<n>b)\\k<n>",
      "(?J)(?:(?<n>a)|(?<n>b))\\k<n>",
      "(?J)(?<n>a)?(?<n>b)\\k<n>",
      "(?J)(?i)(?<n>a)?(?<n>b)\\k<n>",
      "(x|(?2))(y|(?1))",
      "(*COMMIT)abc",
      "(*NO_START_OPT)(*COMMIT)abc",
      "(?:x|a)(*COMMIT)bc",
      "(*PRUNE)abc",
      "(*COMMIT)[ab]c",
      "(*COMMIT)\\w+c",
      "(*COMMIT)abcd",
      "^.(*COMMIT)b|c",
      "(?i)(*COMMIT)Abc",
      "(*SKIP)(a|a)bc",
      "(?:a(*SKIP)b|a)c",
      "a(*PRUNE:p)(*SKIP:p)b|.",
      "(?>a(*COMMIT)b|a)c|d",
      "(?:a(*FAIL)|b)+",
      "^(?:(*THEN)a|b)",
      "((?=(a))\\2(*THEN)x|ay)",
    ];
    const subjects = [
      "z",
      "xy",
      "zxy",
      "bb",
      "bc",
      "bdd",
      "aba",
      "abb",
      "abB",
      "abA",
      "xyzabc",
      "abxabc",
      "zzbc",
      "..bc",
      "xabcd",
      "xAbc",
      "xabc",
      "a",
      "ab",
      "abc",
      "ac",
      "aac",
      "aaac",
      "aab",
      "bba",
      "ba",
      "b",
      "5",
      "55",
      "(a(b)(c))",
      "(a(b",
      "acd",
      "cd",
      "xa",
      "xb",
      "abab",
      "aa",
      "aA",
      "abcba",
      "abba",
      "axy",
      "ay",
      "aaa",
      "abd",
      "xxb",
      "dd",
    ];
    const { mismatches, counts } = compare(patterns.map((pattern) => ({ pattern, subjects })));
    expect(mismatches).toEqual([]);
    expect(counts.unsupported).toBe(0);
    expect(counts.matched).toBeGreaterThan(200);
    expect(counts.invalid).toBeGreaterThanOrEqual(8);
  });

  it("what PCRE's compiler adds to a pattern's meaning: anchoring, first characters as written, verb scopes (found against PCRE2, held to erl)", () => {
    const cases = [
      // anchored, a (*SKIP:NAME) without its mark ends the search (no retry ignoring it)
      { pattern: "^(*SKIP:m)ab|^a", subjects: ["a", "ab"] },
      { pattern: "(*SKIP:m)(*MARK:m)ab|a", subjects: ["a"] },
      // (*SKIP:NAME) finds only (*MARK:NAME), not (*PRUNE:NAME) nor (*THEN:NAME)
      { pattern: "ab(*PRUNE:m)c(*SKIP:m)d|(?<=a)b", subjects: ["abcx"] },
      { pattern: "ab(*THEN:m)c(*SKIP:m)d|(?<=a)b", subjects: ["abcx"] },
      { pattern: "ab(*MARK:m)c(*SKIP:m)d|(?<=a)b", subjects: ["abcx"] },
      // branches share a first character only as written, caseless or not
      { pattern: "(*COMMIT)(?i)A|(?i)a", subjects: ["xab", "ab"] },
      { pattern: "(*COMMIT)(?i)a|(?i)a", subjects: ["xab"] },
      { pattern: "(*COMMIT)1|(?i)1", subjects: ["a1"] },
      // (*THEN) stays inside an assertion; outside any alternation it stops the start
      { pattern: "x|(?!c?(*THEN)b)", subjects: ["c", "cb"] },
      { pattern: "a(?=c?(*THEN)b)|ac", subjects: ["ac", "acb"] },
      { pattern: ".*?(*THEN)ab", subjects: ["xab", "ab"] },
      // `\E` at a class's start leaves `]` its first character
      { pattern: "[\\E]]", subjects: ["]", "E"] },
      { pattern: "bE[\\E]2", subjects: [] },
    ];
    const { mismatches, counts } = compare(cases);
    expect(mismatches).toEqual([]);
    expect(counts.unsupported).toBe(0);
    // auto-possessification makes \w* possessive here (erl finds no match): left unanswered
    const quirk = erlDecide([{ pattern: "\\w*(?>|\\W)ab", subjects: ["ab-1"] }])[0];
    expect(quirk).toEqual({ kind: "ok", matches: [false] });
    expect(compileErlangRegex("\\w*(?>|\\W)ab").kind).toBe("unsupported");
    expect(compileErlangRegex("[a-c]*(?:A)?+a").kind).toBe("unsupported");
    // and its table takes \R and `.` as disjoint: \R* (even lazy) gives nothing back to `.`
    const dot = erlDecide([{ pattern: "^\\R*?.$", subjects: ["\v", "\v\v"] }])[0];
    expect(dot).toEqual({ kind: "ok", matches: [false, false] });
    for (const p of ["^\\R*?.$", "^\\R*\\s$", ".*\\R"]) expect(compileErlangRegex(p).kind, p).toBe("unsupported");
    expect(compileErlangRegex("^\\R*\\v$").kind).toBe("ok");
  });

  it("generated patterns with every construct (property)", () => {
    const r = rng(1717);
    const patterns = [
      ...new Set(Array.from({ length: 1500 }, () => genPattern(r, { backtrackingControl: true, pcreExtras: true }))),
    ];
    const cases = patterns.map((pattern) => ({ pattern, subjects: genSubjects(r, pattern, 20) }));
    const { mismatches, counts } = compare(cases);
    expect(mismatches.slice(0, 20)).toEqual([]);
    // leading (*COMMIT)/(*PRUNE)/(*SKIP) where PCRE's start optimisations are not modelled
    expect(counts.unsupported).toBeLessThan(patterns.length * 0.01);
    expect(counts.subjects).toBeGreaterThan(15000);
    expect(counts.matched).toBeGreaterThan(3000);
  });

  it("newline conventions (*CR) (*LF) (*CRLF) (*ANYCRLF) (*ANY) and (*BSR_ANYCRLF), hand-written and generated", () => {
    const hand = [
      "(*CRLF)(?<=[^a])\\s",
      "(*CRLF)(?<=[^a])\\v",
      "(*CRLF)(?<=[^a])\\R",
      "(*CRLF)(?<=[^a])\\n",
      "(*CRLF)(?<=[^a])[\\n]",
      "(*CRLF)(?<=[^a])[^a]",
      "(*ANYCRLF)(?<=[^a])\\x0a",
      "(*CRLF)a$",
      "(*CR)a$",
      "(*ANYCRLF)(?m)^b",
      "(*CRLF)(?m)^b",
      "(*CRLF)a.b",
      "(*CRLF)a..b",
      "(*ANY)a.b",
      "(*CR)(?x)a#c\rb",
      "(*BSR_ANYCRLF)a\\Rb",
      "(*ANYCRLF)(?m)a$",
      "(*ANY)(?m)^$",
      "(*CR)(*LF)a$",
      "(*CRLF)\\Na",
      "(*ANY)a\\Z",
      "(*CRLF)(?m)a$\\s*",
      "(*ANYCRLF)^.*$",
      "(*UTF8)(*ANY)a.b",
      "(*CR)(?m)^(*COMMIT)b",
    ];
    const r = rng(2626);
    const conventions = [
      "(*CR)",
      "(*LF)",
      "(*CRLF)",
      "(*ANYCRLF)",
      "(*ANY)",
      "(*BSR_ANYCRLF)",
      "(*CRLF)(*BSR_ANYCRLF)",
    ];
    const generated = Array.from(
      { length: 400 },
      () => conventions[Math.floor(r() * conventions.length)] + genPattern(r, { backtrackingControl: true }),
    );
    const nl = [
      "a\r\nb",
      "\r\n",
      "a\r",
      "a\rb",
      "\r",
      "a\n",
      "\n\r",
      "a\x85b",
      "b\x0b",
      "\x0ca\r\n",
      "aa\r\n\r\n",
      "ab\nab\r\nab\rab",
    ];
    const cases = [...hand, ...generated].map((pattern) => ({
      pattern,
      subjects: [...nl, ...genSubjects(r, pattern, 12)],
    }));
    const { mismatches, counts } = compare(cases);
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(counts.unsupported).toBeLessThan(5);
    expect(counts.subjects).toBeGreaterThan(8000);
  });
});
