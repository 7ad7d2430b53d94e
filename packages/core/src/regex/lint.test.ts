import { describe, expect, it } from "vitest";
import { compileErlangRegex, translateToJs } from "./compile";
import { anchorRegex, regexIsAnchored, regexLiteralText, regexLooksLiteral, regexRedosRisk } from "./lint";
import { genPattern, genSubjects, rng } from "./regex-gen";

describe("regexIsAnchored", () => {
  it("tells which ends are anchored and how", () => {
    expect(regexIsAnchored("admin")).toEqual({ start: false, end: false, endAllowsFinalNewline: false });
    expect(regexIsAnchored("^admin$")).toEqual({ start: true, end: true, endAllowsFinalNewline: true });
    expect(regexIsAnchored("\\Aadmin\\z")).toEqual({ start: true, end: true, endAllowsFinalNewline: false });
    expect(regexIsAnchored("^a|b$")).toEqual({ start: false, end: false, endAllowsFinalNewline: false });
    expect(regexIsAnchored("^(a|b)$")).toMatchObject({ start: true, end: true });
    expect(regexIsAnchored("(?i)^root$")).toMatchObject({ start: true, end: true });
    expect(regexIsAnchored("(?m)^root$")).toMatchObject({ start: false, end: false });
    expect(regexIsAnchored("(^a|^b)x")).toMatchObject({ start: true, end: false });
    expect(regexIsAnchored("(")).toBeNull();
  });
});

describe("anchorRegex", () => {
  it("anchors with ^ and \\z, replacing a trailing $", () => {
    expect(anchorRegex("admin")).toBe("^admin\\z");
    expect(anchorRegex("^admin$")).toBe("^admin\\z");
    expect(anchorRegex("admin$")).toBe("^admin\\z");
    expect(anchorRegex("^admin")).toBe("^admin\\z");
    expect(anchorRegex("a|b")).toBe("^(?:a|b)\\z");
    expect(anchorRegex("^a\\z")).toBe("^a\\z");
    expect(anchorRegex("a\\$")).toBe("^a\\$\\z");
    expect(anchorRegex("(?x)a # note")).toBe("^(?x)a # note\n\\z");
    expect(anchorRegex("a\\Qb")).toBe("^a\\Qb\\E\\z");
    expect(anchorRegex("[")).toBeNull();
  });
  it("no longer admits a final newline", () => {
    const fixed = compileErlangRegex(anchorRegex("^dashboard$")!);
    expect(fixed.kind === "ok" && fixed.test("dashboard\n")).toBe(false);
    expect(fixed.kind === "ok" && fixed.test("dashboard")).toBe(true);
  });
  it("means 'the whole subject matches the pattern' (property)", () => {
    const r = rng(5);
    const bad: string[] = [];
    for (let i = 0; i < 300; i++) {
      const p = genPattern(r, { backtrackingControl: i % 2 === 0 });
      const t = translateToJs(p);
      if (!("js" in t)) continue;
      const full = new RegExp("^(?:" + t.js + ")$", t.flags);
      const a = anchorRegex(p)!;
      const fixed = compileErlangRegex(a);
      const anch = regexIsAnchored(a);
      if (fixed.kind !== "ok" || !anch?.start || !anch.end || anch.endAllowsFinalNewline) {
        bad.push(`${JSON.stringify(p)} -> ${JSON.stringify(a)}: ${fixed.kind} ${JSON.stringify(anch)}`);
        continue;
      }
      for (const s of genSubjects(r, p, 20))
        if (fixed.test(s) !== full.test(s)) bad.push(`${JSON.stringify(a)} on ${JSON.stringify(s)}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});

describe("regexLooksLiteral", () => {
  it("spots regex syntax in exact-match strings", () => {
    expect(regexLooksLiteral("^dashboard?")).toMatchObject({ start: 0, end: 1 });
    expect(regexLooksLiteral(".*")).toMatchObject({ reason: expect.stringContaining(".*") });
    expect(regexLooksLiteral("[0-9]+")).toMatchObject({ start: 0, end: 6 });
    expect(regexLooksLiteral("sensor-\\d")).not.toBeNull();
    expect(regexLooksLiteral("(admin|root)")).not.toBeNull();
    expect(regexLooksLiteral("dev$")).not.toBeNull();
    expect(regexLooksLiteral("AG-x{6}")).not.toBeNull();
  });
  it("leaves ordinary names alone", () => {
    for (const s of [
      "admin",
      "client-1",
      "dashboard",
      "a.b.c",
      "user_01",
      "$SYS",
      "emqx@127.0.0.1",
      "mqttx_3f2a",
      "x+y",
      "price$ 5",
      "",
    ]) {
      expect(regexLooksLiteral(s), s).toBeNull();
    }
  });
});

describe("regexRedosRisk", () => {
  it("flags nested and overlapping quantifiers with the outer span", () => {
    expect(regexRedosRisk("^(a+)+$")).toEqual({ reason: expect.stringContaining("nested"), start: 1, end: 6 });
    expect(regexRedosRisk("(a*)*")).not.toBeNull();
    expect(regexRedosRisk("x(.*)*y")).toMatchObject({ start: 1, end: 6 });
    expect(regexRedosRisk("^(\\w+\\s?)*$")).not.toBeNull();
    expect(regexRedosRisk("(a|a)*")).toMatchObject({ reason: expect.stringContaining("alternatives") });
    expect(regexRedosRisk("(\\w|\\d)+")).not.toBeNull();
    expect(regexRedosRisk("^(?:a+){1,20}$")).not.toBeNull();
    expect(regexRedosRisk("(x+x+)+y")).toMatchObject({
      reason: expect.stringContaining("side by side"),
      start: 0,
      end: 7,
    });
    expect(regexRedosRisk("^(\\w+\\d+)*$")).not.toBeNull();
  });
  it("accepts safe shapes", () => {
    for (const p of [
      "^a+$",
      "^(a+b)+$",
      "^(foo|bar)+$",
      "^[a-z0-9_-]+$",
      "(a{2})+",
      "(a+b+)+",
      "(x+y+)+",
      "(a+)?",
      "(?>a+)+",
      "(a++)+",
      "^.*$",
      "^(\\d+)$",
      "(",
    ]) {
      expect(regexRedosRisk(p), p).toBeNull();
    }
  });
});

describe("regexLiteralText", () => {
  it("is the text of a pattern made of literal bytes only", () => {
    expect(regexLiteralText("admin")).toBe("admin");
    expect(regexLiteralText("ops\\.team")).toBe("ops.team");
    expect(regexLiteralText("\\Qa.b\\E")).toBe("a.b");
    expect(regexLiteralText("a-b:c@d e")).toBe("a-b:c@d e");
    expect(regexLiteralText("[a]b")).toBe("ab");
  });
  it("is UTF-8 text in UTF-8 mode, wide characters included", () => {
    const u8 = (s: string) => Buffer.from(s, "utf8").toString("latin1");
    expect(regexLiteralText(u8("(*UTF8)é"))).toBe(u8("é"));
    expect(regexLiteralText("(*UTF8)a\\x{416}\\x{1F600}")).toBe(u8("aЖ😀"));
    for (const p of ["(*UTF8)(?i)\\x{416}", "(*UTF8)[\\x{416}\\x{418}]", "(*UTF8)[^a]", "(*UTF8)[a\\x{416}]"])
      expect(regexLiteralText(p), p).toBeNull();
  });
  it("is null for anything that is not plain text, or invalid", () => {
    for (const p of ["a.b", "^admin", "admin$", "(?i)admin", "a+", "a|b", "(ab)", "[ab]c", "", "("])
      expect(regexLiteralText(p), p).toBeNull();
  });
});
