import { describe, expect, test } from "vitest";
import { decodeAclBytes, declaredEncoding, firstInvalidUtf8 } from "./decode";
import { parseDocument } from "./parse-document";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));

describe("decodeAclBytes", () => {
  test("UTF-8 by default", () => {
    const r = decodeAclBytes(new Uint8Array(Buffer.from('"t/ü".', "utf8")));
    expect(r.text).toBe('"t/ü".');
    expect(r.diagnostics).toEqual([]);
  });
  test("invalid UTF-8 is an error at its position", () => {
    const r = decodeAclBytes(bytes('a.\n"', [0xfc], '".'));
    expect(r.diagnostics.map((d) => [d.id, d.range.start])).toEqual([
      ["syntax-invalid-unicode", { line: 1, character: 1 }],
    ]);
    expect(r.diagnostics[0].message).toMatch(/latin-1/);
  });
  test("encoded surrogates and overlong forms are invalid", () => {
    expect(decodeAclBytes(bytes('"', [0xed, 0xa0, 0x80], '".')).diagnostics.length).toBe(1);
    expect(decodeAclBytes(bytes('"', [0xc0, 0x80], '".')).diagnostics.length).toBe(1);
    expect(firstInvalidUtf8(bytes("ab", [0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8(new Uint8Array(Buffer.from("ok €😀")))).toBe(10);
  });
  test("%% coding: latin-1 on line 1 or 2 is honoured", () => {
    for (const head of [
      "%% coding: latin-1\n",
      "\n%% -*- coding: latin-1 -*-\n",
      "%% coding=latin-1\n",
      "  %% encoding: LATIN-1\n",
      "a.%% coding: latin-1\n",
    ]) {
      const r = decodeAclBytes(bytes(head, '"', [0xfc], '".'));
      expect(r.diagnostics, head).toEqual([]);
      expect(r.text.endsWith('"ü".')).toBe(true);
    }
  });
  test("...but not on line 3, not with one %, not 'latin1', not 'Coding'", () => {
    for (const head of [
      "\n\n%% coding: latin-1\n",
      "% coding: latin-1\n",
      "%% coding: latin1\n",
      "%% Coding: latin-1\n",
      "{a} % coding: latin-1\n",
    ]) {
      expect(declaredEncoding(bytes(head)), head).toBe("utf8");
      expect(decodeAclBytes(bytes(head, '"', [0xfc], '".')).diagnostics.map((d) => d.id)).toEqual([
        "syntax-invalid-unicode",
      ]);
    }
  });
  test("a latin-1 file's UTF-8 bytes stay two characters", () => {
    const r = decodeAclBytes(bytes('%% coding: latin-1\n"', [0xc3, 0xbc], '".'));
    expect(parseDocument(r.text).forms[0].term).toMatchObject({ kind: "string", codes: [0xc3, 0xbc] });
  });
  test("a UTF-8 BOM is not skipped: illegal character at 1:1", () => {
    const r = decodeAclBytes(bytes([0xef, 0xbb, 0xbf], "{allow, all}."));
    expect(r.diagnostics).toEqual([]);
    const [d] = parseDocument(r.text).diagnostics;
    expect(d.id).toBe("syntax-illegal-character");
    expect(d.range.start).toEqual({ line: 0, character: 0 });
    expect(d.message).toMatch(/BOM/);
  });
});
