/**
 * The PCRE2 flavor (EMQX 6.1+ on OTP 28) against PCRE2 10.45 itself: the measured verdicts
 * in `measured/` (see its README), and the classes where PCRE2 and PCRE 8 part, one
 * measured case each. Every answer given must be PCRE2's; few may be withheld.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compileErlangRegex } from "./compile";
import { answerOf } from "./erl-agreement";
import { caseClass, caseClasses, PCRE2_CASES_KNOWN } from "./case-fold";

const pcre2 = { flavor: "pcre2-ascii" as const };

type Measured = { p: string; e: number } | { p: string; s: string[]; m: string };

function measured(): Measured[] {
  const gz = readFileSync(new URL("./measured/pcre2-10.45.jsonl.gz", import.meta.url));
  return gunzipSync(gz)
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Measured);
}

/** Our answer: "invalid", "unsupported", or per subject true / false / null (unknown). */
function ours(pattern: string, subjects: string[]): "invalid" | "unsupported" | (boolean | null)[] {
  const r = compileErlangRegex(pattern, pcre2);
  if (r.kind === "invalid" || r.kind === "unsupported") return r.kind;
  return subjects.map((s) => answerOf(r, s));
}

describe("the PCRE2 flavor against PCRE2 10.45 (measured)", () => {
  const cases = measured();

  it("refuses what PCRE2 refuses, answers as PCRE2 wherever it answers, and answers most", () => {
    const wrong: string[] = [];
    const seen = { refused: 0, compiled: 0, unsupported: 0, answered: 0, unknown: 0, matched: 0 };
    for (const c of cases) {
      const got = ours(c.p, "s" in c ? c.s : []);
      if ("e" in c) {
        seen.refused++;
        if (got !== "invalid") wrong.push(`${JSON.stringify(c.p)}: PCRE2 refuses it, ours ${JSON.stringify(got)}`);
        continue;
      }
      seen.compiled++;
      if (got === "invalid") wrong.push(`${JSON.stringify(c.p)}: PCRE2 compiles it, ours refuses it`);
      if (got === "unsupported") seen.unsupported++;
      if (typeof got === "string") continue;
      c.s.forEach((s, i) => {
        const want = c.m[i];
        if (got[i] === null) return void seen.unknown++;
        seen.answered++;
        if (want === "1") seen.matched++;
        // where re:run raises, no answer is right; badarg (a subject that is not UTF-8 in
        // UTF-8 mode) is what EMQX takes as no match
        if (want === "X" || got[i] !== (want === "1"))
          wrong.push(`${JSON.stringify(c.p)} on ${JSON.stringify(s)}: PCRE2 ${want}, ours ${got[i]}`);
      });
    }
    expect(wrong.slice(0, 20)).toEqual([]);
    // the sample exercises both outcomes, and little is left unanswered
    expect(seen.refused).toBeGreaterThan(250);
    expect(seen.matched).toBeGreaterThan(5000);
    // (a runtime whose Unicode is not 16 or 17 leaves caseless UTF-8 patterns unanswered)
    expect(seen.unsupported).toBeLessThan(seen.compiled * (PCRE2_CASES_KNOWN ? 0.03 : 0.15));
    expect(seen.unknown).toBeLessThan((seen.answered + seen.unknown) * 0.02);
  });

  it("follows each class where PCRE2 and PCRE 8 part (one measured case each)", () => {
    // [pattern, subject, PCRE2 10.45's verdict, our PCRE 8 answer where it differs (null: unknown)]
    const hand: [string, string, boolean | "invalid", (boolean | null | "invalid")?][] = [
      // a lookahead's first character: PCRE2 does not search the required one after it
      ["(?=a)\\w*a", "a", true, null],
      // PCRE2 backtracks into a subroutine call
      ["^(?1)([a-c]{1,3})$", "abc", true, false],
      // anchoring looks past verbs with a name; a (*SKIP:NAME) without its mark then ends the search
      ["(*SKIP:m)^a|^.*a", "xab", false, true],
      ["^(*SKIP:m)ab|^a", "a", false],
      // (*ACCEPT) may be repeated; (*ACCEPT:NAME) is (*MARK:NAME)(*ACCEPT)
      ["a(*ACCEPT)?b", "a", true, "invalid"],
      ["a(*ACCEPT:x)?b", "a", true, "invalid"],
      // {,m} and spaces in braces are quantifiers
      ["a{,2}b", "aab", true, false],
      ["a{ 2 }b", "aab", true, false],
      // property names match loosely
      ["\\p{ l u }", "A", true, "invalid"],
      ["\\p{Lc}", "A", true, "invalid"],
      // (?^) resets the options
      ["(?i)(?^)a", "A", false, "invalid"],
      // refused by PCRE2 only
      ["(?(R1)a)", "a", "invalid", true],
      ["(?=a\\K)", "a", "invalid", true],
      ["\\i", "i", "invalid", true],
      ["[\\d-z]", "-", "invalid", true],
      ["\\8", "8", "invalid", true],
      // a `-` after `(?^` or after another `-`; a one-letter property that is no category
      ["(?^-i)a", "a", "invalid"],
      ["(?i-m-s)a", "a", "invalid"],
      ["\\PDa", "a", "invalid"],
      // the same in both: (*SKIP:NAME) finds only (*MARK:NAME), first characters compare as written
      ["ab(*PRUNE:m)c(*SKIP:m)d|(?<=a)b", "abcx", true],
      ["(*COMMIT)(?i)A|(?i)a", "xab", false],
      ["(*COMMIT)1|(?i)1", "a1", false],
      ["x|(?!c?(*THEN)b)", "c", true],
      ["a(?=c?(*THEN)b)|ac", "ac", true],
      ["[\\E]]", "]", true],
      // caseless, \p{Lu} \p{Ll} \p{Lt} take any cased letter
      ["(?i)\\p{Lu}", "a", true, false],
      // under (*UCP), caseless [[:upper:]] stays \p{Lu}
      ["(*UCP)(?i)[[:upper:]]", "a", false, true],
      ["(*UCP)^\\w+$", "\xe9\xaa", true],
      // (*UCP) in UTF-8 mode: [:xdigit:] takes fullwidth digits
      ["(*UTF)(*UCP)^[[:xdigit:]]$", "\xef\xbc\x90", true, false],
      // UTF-8 mode with Unicode 16's case pairs: ɤ and Ꟍ pair since Unicode 16
      ["(*UTF8)(?i)^\\x{264}$", "\xea\x9f\x8b", true, false],
      ["(*UTF8)^.$", "\xd0\x96", true],
      // Unicode 16's categories: Ꟍ (U+A7CB) is a letter, and \p{Xwd} takes a combining accent
      ["(*UTF8)^\\p{Lu}$", "\xea\x9f\x8b", true, false],
      ["(*UTF8)^a\\p{Xwd}$", "a\xcc\x81", true, false],
      ["(*UTF8)^.$", "\xd0", false],
    ];
    for (const [p, s, want, pcre8 = want] of hand) {
      const got = ours(p, [s]);
      // a runtime whose Unicode is not 16 or 17 cannot give PCRE2's case pairs
      if (!PCRE2_CASES_KNOWN && p.startsWith("(*UTF") && p.includes("(?i)")) {
        expect(got, p).toBe("unsupported");
        continue;
      }
      expect(typeof got === "string" ? got : got[0], p).toBe(want);
      const r8 = compileErlangRegex(p);
      expect(
        r8.kind === "invalid" ? "invalid" : r8.kind === "ok" || r8.kind === "partial" ? answerOf(r8, s) : r8.kind,
        p,
      ).toBe(pcre8);
    }
  });

  it("withholds the answer where PCRE2 departs from the pattern's meaning and that is not followed", () => {
    // PCRE2's minimum length skips a branch that refers into its own group: "a" is too short
    expect(ours("(a(?>x|\\1?))", ["a"])).toBe("unsupported");
    // auto-possessification takes \w* as possessive before an atomic group with an empty branch
    expect(ours("\\w*(?>|\\W)ab", ["ab-1"])).toBe("unsupported");
    // a recursion that may loop: PCRE2 stops by what it has inspected
    expect(ours("(?R)a", ["a"])).toEqual([null]);
    // \R* before `.` is made possessive (PCRE's table takes them as disjoint)
    expect(ours("^\\R*.$", ["\v"])).toBe("unsupported");
    // non-atomic lookarounds (PCRE2 10.34+): compiled by PCRE2, not followed here
    expect(ours("(?*a)a", ["a"])).toBe("unsupported");
    expect(ours("(?<*a)b", ["ab"])).toBe("unsupported");
    // scripts: PCRE2 matches them by Script_Extensions (\p{Latin} takes U+00B7)
    expect(ours("\\p{Latin}", ["\xb7"])).toBe("unsupported");
  });

  it("has UTF-8 mode's case classes exactly as PCRE2 10.45's tables (every cased code point)", () => {
    if (!PCRE2_CASES_KNOWN) {
      // this runtime's Unicode cannot give them: caseless UTF-8 patterns are left unanswered
      expect(ours("(*UTF8)(?i)\\x{416}", ["\xd0\xb6"])).toBe("unsupported");
      return;
    }
    const gz = readFileSync(new URL("./measured/pcre2-10.45-caseless.txt.gz", import.meta.url));
    const wrong: string[] = [];
    const rows = gunzipSync(gz).toString("utf8").trim().split("\n");
    for (const row of rows) {
      const [c, ...partners] = row.split(" ").map((h) => parseInt(h, 16));
      const want = [...new Set([c, ...partners])].sort((a, b) => a - b);
      const got = [...caseClass(c, "pcre2-ascii")].sort((a, b) => a - b);
      if (want.join() !== got.join())
        wrong.push(
          `U+${c.toString(16)}: PCRE2 ${want.map((x) => x.toString(16))}, ours ${got.map((x) => x.toString(16))}`,
        );
    }
    expect(rows.length).toBeGreaterThan(2800);
    expect(wrong.slice(0, 20)).toEqual([]);
    // and no cased code point is missing from the table
    const listed = new Set(rows.map((r) => parseInt(r.split(" ")[0], 16)));
    const extra = caseClasses("pcre2-ascii")
      .flat()
      .filter((c) => !listed.has(c));
    expect(extra).toEqual([]);
  });
});
