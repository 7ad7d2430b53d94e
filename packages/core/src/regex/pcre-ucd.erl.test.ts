/**
 * PCRE 8's Unicode tables (pcre-ucd.ts) against re:run/2 on every code point, through the
 * parser: each property name erl accepts (general categories, PCRE's own names, scripts),
 * the refusal of every Unicode script name it does not know, and the (*UCP) classes in UTF-8
 * mode. scripts/ucd-ranges.erl lists what erl matches, as code point ranges.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RegexSyntaxError, type RegexNode } from "./ast";
import { HIGH, wideRangesOf } from "./byte-set";
import { engineDisagreements } from "./erl-agreement";
import { compileErlangRegex } from "./compile";
import { erlAvailable, erlDecide } from "./erl-oracle";
import { parseRegex } from "./parse";

/** UTF-8 bytes of a text, as a byte string (what re:run sees). */
const u8 = (s: string) => Buffer.from(s, "utf8").toString("latin1");

const scripts = new URL("../../../../scripts/", import.meta.url);
const SCRIPT_NAMES = readFileSync(new URL("unicode-script-names.txt", scripts), "utf8").split("\n").filter(Boolean);
const PCRE_NAMES =
  "C Cc Cf Cn Co Cs L L& Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs Any Xan Xps Xsp Xuc Xwd".split(
    " ",
  );
const POSIX = "alpha lower upper alnum ascii blank cntrl digit graph print punct space word xdigit".split(" ");

type Ranges = [number, number][];

/** What erl matches for each pattern (one character of it), or null where re:compile refuses it. */
function erlRanges(patterns: string[]): Map<string, Ranges | null> {
  const out = execFileSync("escript", [new URL("ucd-ranges.erl", scripts).pathname, ...patterns], {
    encoding: "latin1",
    maxBuffer: 64 << 20,
  });
  const lines = out.trim().split("\n");
  expect(lines).toHaveLength(patterns.length);
  return new Map(
    lines.map((line) => {
      const [pattern, body] = line.split("\t");
      if (body === "!") return [pattern, null];
      const rs =
        body === "" ? [] : body.split(",").map((r) => r.split("-").map((h) => parseInt(h, 16)) as [number, number]);
      return [pattern, withoutSurrogates(rs)];
    }),
  );
}

/** The ranges less U+D800..U+DFFF (no UTF-8 subject holds them; erl's runs may span them). */
function withoutSurrogates(rs: Ranges): Ranges {
  return rs.flatMap(([lo, hi]): Ranges => {
    const parts: Ranges = [];
    if (lo < 0xd800) parts.push([lo, Math.min(hi, 0xd7ff)]);
    if (hi > 0xdfff) parts.push([Math.max(lo, 0xe000), hi]);
    return parts;
  });
}

/** The code points the one-character pattern matches in UTF-8 mode, by our parser. */
function ourRanges(pattern: string): Ranges {
  let node: RegexNode = parseRegex(`(*UTF8)${pattern}`).root;
  while (node.type === "seq" && node.items.length === 1) node = node.items[0];
  if (node.type !== "set") throw new Error(`${pattern}: not one character class (${node.type})`);
  const rs: Ranges = [];
  const add = (lo: number, hi: number) => {
    const last = rs[rs.length - 1];
    if (last && last[1] + 1 >= lo) last[1] = Math.max(last[1], hi);
    else rs.push([lo, hi]);
  };
  for (let b = 0; b < HIGH; b++) if (node.set[b]) add(b, b);
  for (const [lo, hi] of wideRangesOf(node.set)) add(lo, hi);
  return withoutSurrogates(rs);
}

describe("PCRE 8's Unicode tables against erl, on every code point", () => {
  it("has erl available", () => {
    expect(erlAvailable()).toBe(true);
  });

  const properties = [...PCRE_NAMES, ...SCRIPT_NAMES].map((n) => `\\p{${n}}`);
  const classes = [
    ...["\\w", "\\s", "\\d", "\\W", "\\S", "\\D", "[\\w\\s]", "[^\\d]"].map((c) => `(*UCP)${c}`),
    ...POSIX.map((p) => `(*UCP)[[:${p}:]]`),
    ...["graph", "print", "punct"].map((p) => `(*UCP)[[:^${p}:]]`),
    "\\P{Lu}",
    "[\\p{Greek}\\d]",
    "[^\\p{L}\\p{Nd}]",
  ];
  // one erl run (~10 s: building the 4 MB subject and one global search per pattern)
  const erl = erlAvailable() ? erlRanges([...properties, ...classes]) : new Map<string, Ranges | null>();

  it(`accepts exactly the ${PCRE_NAMES.length} names of PCRE and the scripts erl accepts, with erl's members`, () => {
    const wrong: string[] = [];
    let accepted = 0;
    for (const p of properties) {
      const want = erl.get(p);
      let ours: Ranges | null;
      try {
        ours = ourRanges(p);
      } catch (e) {
        if (!(e instanceof RegexSyntaxError)) throw e;
        expect(e.message, p).toBe("unknown property name after \\P or \\p");
        ours = null;
      }
      if (want) accepted++;
      if (JSON.stringify(ours) !== JSON.stringify(want))
        wrong.push(`${p}: ours ${JSON.stringify(ours)?.slice(0, 80)}, erl ${JSON.stringify(want)?.slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
    // the scripts of Unicode 7.0 and no later ones (Adlam, Osage, SignWriting … are refused)
    expect(accepted).toBeGreaterThan(150);
    expect(accepted).toBeLessThan(properties.length);
  });

  it("refuses a name with re:compile's message and offset", () => {
    const refused = ["\\p{Adlam}", "a\\P{Osage}x", "(*UTF8)[\\p{SignWriting}]", "\\pQ", "\\p{^Nushu}", "\\p{L&x}"];
    const verdicts = erlDecide(refused.map((pattern) => ({ pattern, subjects: [] })));
    refused.forEach((p, k) => {
      const v = verdicts[k];
      expect(v.kind, p).toBe("invalid");
      if (v.kind === "invalid")
        expect(compileErlangRegex(p), p).toEqual({ kind: "invalid", message: v.message, offset: v.offset });
    });
  });

  it("gives the (*UCP) classes and combined classes erl's members in UTF-8 mode", () => {
    const wrong = classes.filter((c) => JSON.stringify(ourRanges(c)) !== JSON.stringify(erl.get(c)));
    expect(wrong).toEqual([]);
  });
});

describe("characters Unicode assigned after 7.0, through both engines against erl", () => {
  // 🥺 U+1F97A (Unicode 11), Cherokee U+13F5 and U+AB70 (8.0), Arabic U+08B3 (8.0), Latin
  // U+A7AE (9.0): unassigned for OTP's PCRE; ☃ U+2603, 😀 U+1F600, Ω, Ж, ٣, U+3000 are not
  const subjects = ["🥺", "\u13f5", "\uab70", "\u08b3", "\ua7ae", "☃", "😀", "Ω", "Ж", "٣", "\u3000", "a", "_"].map(u8);
  const patterns = [
    "(*UTF8)^\\p{So}$",
    "(*UTF8)^\\p{Cn}$",
    "(*UTF8)^\\P{Cn}$",
    "(*UTF8)^\\p{L}$",
    "(*UTF8)^\\p{Lu}$",
    "(*UTF8)^\\p{Cherokee}$",
    "(*UTF8)^\\p{Arabic}$",
    "(*UTF8)^\\p{Zs}$",
    "(*UTF8)^\\p{Nd}$",
    "(*UTF8)^[\\p{Greek}\\p{Cyrillic}]$",
    "(*UTF8)(*UCP)^\\w$",
    "(*UTF8)(*UCP)^\\W$",
    "(*UTF8)(*UCP)^[[:graph:]]$",
    "(*UTF8)(*UCP)^[[:print:]]$",
    "(*UTF8)(*UCP)^[[:punct:]]$",
    "(*UTF8)(*UCP)^\\s$",
  ];

  it("keep PCRE's caseless rules: (?i) widens [:upper:]/[:lower:] to letters, never \\p{…}", () => {
    const caseless = [
      "(*UTF8)(*UCP)(?i)^[[:upper:]]$",
      "(*UTF8)(*UCP)(?i)^[^[:lower:]]$",
      "(*UTF8)(?i)^\\p{Lu}$",
      "(*UTF8)(?i)^[^\\p{Ll}]$",
    ];
    const letters = ["a", "A", "ж", "Ж", "ǅ", "ª", "ʰ", "ⅰ", "Ⅰ", "1"].map(u8);
    expect(engineDisagreements(caseless.map((pattern) => ({ pattern, subjects: letters }))).bad).toEqual([]);
  });

  it("give erl's answer (the DFA where a pattern has one)", () => {
    const { bad, dfas } = engineDisagreements(patterns.map((pattern) => ({ pattern, subjects })));
    expect(bad).toEqual([]);
    // the classes with few ranges above U+00FF (\p{Zs}, \p{Cherokee}, (*UCP)\s) get a DFA too
    expect(dfas).toBeGreaterThanOrEqual(3);
  });
});

describe("\\X, PCRE 8's extended grapheme cluster, against erl", () => {
  // one character of each grapheme break class, and characters newer Unicode classes anew
  // (U+1F3FB skin tone, U+0600 prepended mark, U+200D ZWJ, U+FE0F variation selector)
  const pool = [
    "a",
    "\u0300",
    "\u0903",
    "\u1100",
    "\u1161",
    "\u11a8",
    "\uac00",
    "\uac01",
    "\u{1f1e6}",
    "\u{1f1e7}",
    "\r",
    "\n",
    "\u0001",
    "\u200d",
    "\u{1f600}",
    "\u{1f3fb}",
    "\u0600",
    "\u00ad",
    "\ufe0f",
    "Ж",
  ];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % pool.length;
  const texts = Array.from({ length: 400 }, (_, i) => Array.from({ length: 1 + (i % 5) }, () => pool[next()]).join(""));
  const utf = [...pool, ...texts].map(u8);
  // without UTF-8 mode each byte is a character (Latin-1): CR LF, controls, U+00AD
  const bytes = ["a", "\r\n", "\n\r", "a\r", "\x80a", "\xad", "a\xad", "\xe9\xad", "\r\r\n", "\x01\x01", "ab"];

  it("gives erl's extent, alone, repeated and followed by more pattern", () => {
    const cases = [
      ...[
        "^\\X$",
        "^\\X\\X$",
        "^\\X{3}$",
        "^\\X\\X?\\X$",
        "^\\Xa",
        "\\X\\x{300}$",
        "^\\X+?\\x{1161}$",
        "^(?:\\X|a)b",
      ].map((p) => ({ pattern: `(*UTF8)${p}`, subjects: utf })),
      ...["^\\X$", "^\\X\\X$", "^\\X+$", "\\X\\n"].map((pattern) => ({ pattern, subjects: bytes })),
    ];
    const { bad, dfas } = engineDisagreements(cases);
    expect(bad).toEqual([]);
    expect(dfas).toBe(0); // a cluster never gives characters back: not a regular language
  });

  it("is a literal X in a class, and makes a lookbehind variable", () => {
    expect(compileErlangRegex("^[\\X]$").kind).toBe("ok");
    const r = compileErlangRegex("^[\\X]$");
    expect(r.kind === "ok" && r.test("X") && !r.test("a")).toBe(true);
    expect(compileErlangRegex("(?<=\\X)a")).toMatchObject({
      kind: "invalid",
      message: "lookbehind assertion is not fixed length",
    });
  });
});
