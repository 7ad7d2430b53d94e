/**
 * The parser never throws and stays linear: random text and bytes, truncations and
 * splices of real corpus files, and pathological shapes (their 10x-step timing is in `pnpm bench parse`).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeAclBytes, parseDocument, type ParseResult } from "../packages/syntax/src/index";
import { MAX_DEPTH } from "../packages/syntax/src/parse-document";
import { PATHOLOGICAL_SHAPES } from "./support/pathological-shapes";
import { sharedPath } from "./support/shared";

/** Structural invariants every parse result must satisfy. */
function checkInvariants(r: ParseResult): void {
  r.forms.forEach((f, i) => {
    expect(f.index).toBe(i + 1);
    expect(f.start).toBeLessThanOrEqual(f.end);
    expect(f.end).toBeLessThanOrEqual(r.text.length);
  });
  for (const d of r.diagnostics) {
    expect(d.id).toMatch(/^syntax-[a-z-]+$/);
    expect(d.message.length).toBeGreaterThan(10);
    if (d.term !== null) expect(d.term).toBeGreaterThanOrEqual(1);
    if (d.term !== null) expect(d.term).toBeLessThanOrEqual(r.forms.length);
  }
  // a form without a tree always has a diagnostic saying why
  const explained = new Set(r.diagnostics.map((d) => d.term));
  for (const f of r.forms) if (f.term === null) expect(explained.has(f.index)).toBe(true);
}

const parseBytes = (bytes: Uint8Array) => parseDocument(decodeAclBytes(bytes).text);

const dir = sharedPath("corpus", "files");
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith(".conf"))
  .sort()
  .map((f) => readFileSync(join(dir, f)));

/** Characters that matter to the scanner, so random text reaches deep into the grammar. */
const ALPHABET = [..."{}[]()<>,.|#=:/-+'\"\\$%_ \n\tazAZ09e@^x€ü\u00a0\ufeff"].concat([
  "allow",
  "deny",
  "all",
  "and",
  "<<",
  ">>",
  "=>",
  "16#",
  "1.5",
  '"t/#"',
  "'or'",
  ". ",
  "%% c\n",
]);

describe("never throws", () => {
  test("random token soup", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 200 }), (parts) => {
        checkInvariants(parseDocument(parts.join("")));
      }),
      { numRuns: 400, seed: 7 },
    );
  });
  test("random unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => checkInvariants(parseDocument(s))),
      { numRuns: 150, seed: 11 },
    );
  });
  test("random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => checkInvariants(parseBytes(b))),
      { numRuns: 300, seed: 13 },
    );
  });
  test("truncations and splices of corpus files", () => {
    fc.assert(
      fc.property(
        fc.nat(corpus.length - 1),
        fc.nat(corpus.length - 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (i, j, x, y) => {
          const a = corpus[i];
          const b = corpus[j];
          const cut = Math.floor(a.length * x);
          checkInvariants(parseBytes(a.subarray(0, cut)));
          const spliced = new Uint8Array([...a.subarray(0, cut), ...b.subarray(Math.floor(b.length * y))]);
          checkInvariants(parseBytes(spliced));
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });
  test("deep nesting is refused with a diagnostic, not a stack overflow", () => {
    for (const open of ["[", "{", "<<", "("]) {
      const close = { "[": "]", "{": "}", "<<": ">>", "(": ")" }[open]!;
      const deep = open.repeat(10_000) + close.repeat(10_000) + ".";
      const r = parseDocument(deep);
      expect(r.diagnostics.map((d) => d.id)).toEqual(["syntax-too-deep"]);
    }
    const ok = "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH) + ".";
    expect(parseDocument(ok).diagnostics).toEqual([]);
  });
});

// Linearity is measured by `pnpm bench parse` (a ratio printed beside the 10x step), not
// here: wall-clock assertions flake on a loaded CI machine. The shapes must still parse.
describe("pathological shapes", () => {
  test.each(PATHOLOGICAL_SHAPES)("%s: parses at 15k without throwing, forms in order", (_, make) => {
    const r = parseDocument(make(15_000));
    checkInvariants(r);
  });
});
