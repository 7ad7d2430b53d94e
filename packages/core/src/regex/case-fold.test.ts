import { describe, expect, it } from "vitest";
import { wideRangesOf } from "./byte-set";
import { caseClass, caseClasses, caseSet } from "./case-fold";
import { compileErlangRegex } from "./compile";
import { parseRegex } from "./parse";

const u8 = (s: string) => Buffer.from(s, "utf8").toString("latin1");

describe("UTF-8 mode case classes", () => {
  it("pairs and PCRE's larger sets, nothing for dotted and dotless i", () => {
    expect(caseClass(0x6b)).toEqual([0x4b, 0x6b, 0x212a]);
    expect(caseClass(0x212a)).toEqual([0x4b, 0x6b, 0x212a]);
    expect(caseClass(0x73)).toEqual([0x53, 0x73, 0x17f]);
    expect(caseClass(0xb5)).toEqual([0xb5, 0x39c, 0x3bc]);
    expect(caseClass(0x3c2)).toEqual([0x3a3, 0x3c2, 0x3c3]);
    expect(caseClass(0x1c5)).toEqual([0x1c4, 0x1c5, 0x1c6]);
    expect(caseClass(0xdf)).toEqual([0xdf, 0x1e9e]);
    expect(caseClass(0x130)).toEqual([0x130]);
    expect(caseClass(0x131)).toEqual([0x131]);
    expect(caseClass(0x69)).toEqual([0x49, 0x69]);
    // newer than OTP 25's tables: Cherokee small letters, Mtavruli
    expect(caseClass(0x13a0)).toEqual([0x13a0]);
    expect(caseClass(0x10d0)).toEqual([0x10d0]);
    expect(caseClasses().length).toBeGreaterThan(1000);
  });

  it("folds a set's bytes into wide partners", () => {
    expect(wideRangesOf(caseSet(0xff))).toEqual([[0x178, 0x178]]);
    expect(caseSet(0x212a)[0x6b]).toBe(1);
  });

  it("caseless UTF-8 patterns are no longer unsupported", () => {
    for (const p of ["(*UTF8)(?i)k", "(*UTF8)(?i)[^s]", u8("(*UTF8)(?i)é"), "(*UTF8)(?i)[\\x{400}-\\x{4ff}]"])
      expect(parseRegex(p).unsupported, p).toEqual([]);
    const r = compileErlangRegex("(*UTF8)(?i)^[^k]$");
    expect(r.kind === "ok" && [r.test(u8("\u212a")), r.test("a")]).toEqual([false, true]);
  });
});
