/**
 * UTF-8 mode characters above U+00FF (`\x{…}`, `\o{…}`, `\ddd` up to \777, literal UTF-8
 * text), alone, in classes, as range ends and in negated classes: the backtracking matcher
 * and the byte DFA must each give re:run's answer on OTP 25 (issue #17).
 */
import { describe, expect, it } from "vitest";
import { backtrackProgram, backtrackTest } from "./backtrack";
import { compileErlangRegex } from "./compile";
import { dfaAccepts } from "./dfa";
import { erlAvailable, erlDecide } from "./erl-oracle";
import { engineDisagreements } from "./erl-agreement";
import { parseRegex } from "./parse";
import { regexToDfa } from "./regex-dfa";
import { rng } from "./regex-gen";

/** UTF-8 bytes of text, as a byte string. */
const u8 = (s: string) => Buffer.from(s, "utf8").toString("latin1");

export const WIDE_PATTERNS = [
  "(*UTF8)^\\x{400}$",
  "(*UTF8)\\x{400}",
  "(*UTF8)^[\\x{400}-\\x{4ff}]+$",
  "(*UTF8)^[^\\x{400}]$",
  "(*UTF8)^[^\\x{400}-\\x{4ff}a]+$",
  "(*UTF8)^[a-\\x{400}]$",
  "(*UTF8)^[\\x{e9}-\\x{101}]$",
  "(*UTF8)^\\x{1F600}{2}$",
  "(*UTF8)^[\\x{10000}-\\x{10ffff}]$",
  "(*UTF8)^[\\x{7ff}-\\x{800}]$",
  "(*UTF8)^[\\x{d7ff}-\\x{e000}]$",
  "(*UTF8)^[\\x{ffff}\\x{10000}]$",
  "(*UTF)^\\o{2000}$",
  "(*UTF8)^\\777$",
  "(*UTF8)^[\\o{2000}-\\o{2777}]+$",
  "(*UTF8)^[\\1-\\777]$",
  u8("(*UTF8)^Жж+$"),
  u8("(*UTF8)^[Ж-я]+$"),
  u8("(*UTF8)^[^Ж]$"),
  u8("(*UTF8)^😀.$"),
  u8("(*UTF8)^[😀-😁]$"),
  u8("(*UTF8)^[a😀Ж]+$"),
  "(*UTF8)^[\\x{400}\\d]+$",
  "(*UTF8)^[^\\x{400}\\d]$",
  u8("(*UTF8)^\\QЖ.\\E$"),
  u8("(*UTF8)^[\\QЖ-я\\E]+$"),
  u8("(*UTF8)^\\Ж$"),
  u8("(*UTF8)^[\\Ж]$"),
  "(*UTF8)(?=\\x{400})",
  "(*UTF8)(?<=\\x{400})a",
  "(*UTF8)^(?:\\x{400}|\\x{1F600})+$",
  "(*UTF8)^.\\x{400}?$",
  "(*UTF8)^[\\x{100}-\\x{10ffff}]$",
  "(*UTF8)^[^\\x{100}-\\x{10ffff}]$",
  "(*UTF8)^[\\x{100}-\\x{10ffff}\\x{400}]+$",
  "(*UTF8)^[\\x{400}\\x{402}-\\x{405}\\x{401}]+$",
  "(*UTF8)\\x{400}\\z",
  "(*UTF8)^\\x{400}+?\\x{401}",
  "(*UTF8)^(\\x{400})\\1$",
  "(*UTF8)^(?>[\\x{400}-\\x{4ff}]*)\\x{401}",
  "(*UTF8)^[\\x{400}-\\x{4ff}]*+$",
  // \h and \v have wide members too (PCRE 8's fixed lists)
  "(*UTF8)^[\\h\\x{400}]+$",
  "(*UTF8)^\\h+$",
  "(*UTF8)^[^\\h]$",
  "(*UTF8)\\v",
  "(*UTF8)^\\V+$",
];

/** Patterns with a property's wide part: only the backtracking matcher follows them. */
const BACKTRACK_ONLY = [
  "(*UTF8)^[\\x{400}\\p{Greek}]+$",
  "(*UTF8)^[^\\x{400}\\p{Greek}]$",
  "(*UCP)(*UTF8)^[\\w\\x{400}]+$",
];

const INVALID = [
  "(*UTF8)\\x{d800}",
  "(*UTF8)a\\x{dfff}",
  "(*UTF8)\\o{154000}",
  "(*UTF8)[\\x{4ff}-\\x{400}]",
  u8("(*UTF8)[я-Ж]"),
  u8("(*UTF8)éé("),
  u8("(*UTF8)Жж)"),
  u8("(*UTF8)😀\\x{110000}"),
  u8("(*UTF8)Ж\\"),
  u8("(*UTF8)\\cЖ"),
  u8("(*UTF8)[[:Ж:]]"),
  u8("(*UTF8)[Ж-\\d]"),
];

export const WIDE_SUBJECTS = [
  "",
  "a",
  "5",
  "\u00e9",
  "\u0100",
  "\u0101",
  "\u01ff",
  "\u03a9",
  "\u0400",
  "\u0401",
  "\u04ff",
  "\u0500",
  "\u0416",
  "\u0436",
  "\u044f",
  "\u07ff",
  "\u0800",
  "\ud7ff",
  "\ue000",
  "\uffff",
  "\u{10000}",
  "\u{1F600}",
  "\u{1F601}",
  "\u{1F602}",
  "\u{1F600}\u{1F600}",
  "\u{10ffff}",
  "\u0400\u0400",
  "\u0400\u0401",
  "\u0400a",
  "a\u0400",
  "\u0416\u0436\u0436",
  "\u0416.",
  "\u0416x",
  "\u0416-\u044f",
  "\u0400\u0401\u04ff",
  "\u0400\u0400\u0401",
  "\u04005",
  "\u03a9\u0400",
  "\u2000",
  "\u0663",
  "\u{1F600}a",
  "\u{1F600}\u0400",
  "\u3000",
  "\u2028",
  "a\u2029",
  "\u1680\u205f",
].map(u8);
/** Not UTF-8: re:run raises badarg (no match). */
const BAD_SUBJECTS = ["\xd0", "\xed\xa0\x80", "\xc0\x80", "\xd0\x80\xff"];

describe.runIf(erlAvailable())("UTF-8 mode characters above U+00FF against erl", () => {
  const subjects = [...WIDE_SUBJECTS, ...BAD_SUBJECTS];
  const all = [...WIDE_PATTERNS, ...BACKTRACK_ONLY, ...INVALID];
  const verdicts = erlDecide(all.map((pattern) => ({ pattern, subjects })));
  const erl = new Map(all.map((p, k) => [p, verdicts[k]]));

  it("re:compile's errors, with its byte offsets", () => {
    for (const p of INVALID) {
      const v = erl.get(p)!;
      expect(v.kind, p).toBe("invalid");
      const ours = compileErlangRegex(p);
      expect(ours, p).toEqual({
        kind: "invalid",
        ...(v.kind === "invalid" ? { message: v.message, offset: v.offset } : {}),
      });
    }
  });

  it("the backtracking matcher", () => {
    const bad: string[] = [];
    for (const p of [...WIDE_PATTERNS, ...BACKTRACK_ONLY]) {
      const v = erl.get(p)!;
      if (v.kind !== "ok") {
        bad.push(`${JSON.stringify(p)}: erl refuses it`);
        continue;
      }
      const prog = backtrackProgram(parseRegex(p));
      if ("unsupported" in prog) {
        bad.push(`${JSON.stringify(p)}: ${prog.unsupported}`);
        continue;
      }
      const test = backtrackTest(prog);
      subjects.forEach((s, i) => {
        if (test(s) !== (v.matches[i] === true))
          bad.push(`${JSON.stringify(p)} on ${JSON.stringify(s)}: erl=${v.matches[i]}`);
      });
    }
    expect(bad).toEqual([]);
  });

  it("the byte DFA, built for every pattern without a property", () => {
    const bad: string[] = [];
    for (const p of WIDE_PATTERNS) {
      const v = erl.get(p)!;
      const d = regexToDfa(p);
      if ("unsupported" in d) {
        // backreferences, lookbehinds, atomic groups are not regular: the parse must be clean
        if (parseRegex(p).unsupported.length > 0) bad.push(`${JSON.stringify(p)}: ${parseRegex(p).unsupported[0]}`);
        continue;
      }
      if (v.kind !== "ok") continue;
      subjects.forEach((s, i) => {
        if (dfaAccepts(d, s) !== (v.matches[i] === true))
          bad.push(`${JSON.stringify(p)} on ${JSON.stringify(s)}: erl=${v.matches[i]}`);
      });
    }
    expect(bad).toEqual([]);
  });

  it("check's matcher answers every one of them", () => {
    for (const p of [...WIDE_PATTERNS, ...BACKTRACK_ONLY]) expect(compileErlangRegex(p).kind, p).toBe("ok");
  });
});

const WIDE_ATOMS = [
  "a",
  "k",
  "\\x{400}",
  "\\x{1F600}",
  "[\\x{400}-\\x{4ff}]",
  "[^\\x{400}]",
  "[^a\\x{401}-\\x{4ff}]",
  u8("Ж"),
  u8("[ж-я]"),
  u8("[^Ж]"),
  "(?i)k",
  "(?i:\\x{416})",
  "(?i)[^s]",
  "(?i:[\\x{3a3}x])",
  ".",
  "\\w",
  "\\W",
  "\\h",
  "[\\x{e9}-\\x{101}]",
];
const WIDE_ALPHABET = [
  "a",
  "k",
  "K",
  "\u212a",
  "s",
  "\u017f",
  "x",
  "\u00e9",
  "\u0100",
  "\u0400",
  "\u0401",
  "\u0416",
  "\u0436",
  "\u044f",
  "\u03c2",
  "\u03a3",
  "\u{1F600}",
  " ",
  "\u3000",
  "\n",
].map(u8);

describe.runIf(erlAvailable())("generated UTF-8 patterns with wide characters against erl (property)", () => {
  it("both engines give re:run's answer", () => {
    const r = rng(1717);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const quant = () => (r() < 0.35 ? pick(["*", "+", "?", "{2}", "{1,2}", "*?", "++"]) : "");
    const seq = (depth: number): string => {
      let out = "";
      for (let n = 1 + Math.floor(r() * 3); n > 0; n--)
        out += depth < 1 && r() < 0.25 ? `(${seq(depth + 1)}|${seq(depth + 1)})${quant()}` : pick(WIDE_ATOMS) + quant();
      return out;
    };
    const cases = Array.from({ length: 150 }, () => {
      const pattern = `(*UTF8)${r() < 0.5 ? "^" : ""}${seq(0)}${r() < 0.5 ? "$" : ""}`;
      const subjects = new Set<string>([""]);
      while (subjects.size < 16)
        subjects.add(Array.from({ length: Math.floor(r() * 5) }, () => pick(WIDE_ALPHABET)).join(""));
      return { pattern, subjects: [...subjects] };
    });
    const { bad, dfas } = engineDisagreements(cases);
    expect(bad.slice(0, 10)).toEqual([]);
    // possessive quantifiers and \w after a wide atom may leave a few without a DFA
    expect(dfas).toBeGreaterThan(100);
  });
});
