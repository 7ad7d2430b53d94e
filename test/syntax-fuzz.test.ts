/**
 * The parser never throws and stays linear: random text and bytes, truncations and
 * splices of real corpus files, pathological shapes, and a 10x size step.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeAclBytes, parseDocument, type ParseResult } from "../packages/syntax/src/index";
import { MAX_DEPTH } from "../packages/syntax/src/parse-document";
import { generateAcl } from "../bench/acl-gen";
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
const corpus = readdirSync(dir).filter((f) => f.endsWith(".conf")).sort().map((f) => readFileSync(join(dir, f)));

/** Characters that matter to the scanner, so random text reaches deep into the grammar. */
const ALPHABET = [..."{}[]()<>,.|#=:/-+'\"\\$%_ \n\tazAZ09e@^x€ü\u00a0\ufeff"].concat(["allow", "deny", "all", "and", "<<", ">>", "=>", "16#", "1.5", "\"t/#\"", "'or'", ". ", "%% c\n"]);

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
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => checkInvariants(parseDocument(s))), { numRuns: 150, seed: 11 });
  });
  test("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => checkInvariants(parseBytes(b))), { numRuns: 300, seed: 13 });
  });
  test("truncations and splices of corpus files", () => {
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.nat(corpus.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (i, j, x, y) => {
        const a = corpus[i];
        const b = corpus[j];
        const cut = Math.floor(a.length * x);
        checkInvariants(parseBytes(a.subarray(0, cut)));
        const spliced = new Uint8Array([...a.subarray(0, cut), ...b.subarray(Math.floor(b.length * y))]);
        checkInvariants(parseBytes(spliced));
      }),
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

/** Best of 3 CPU-independent wall times, ms. */
function timeMs(fn: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe("linear time", () => {
  const shapes: [string, (n: number) => string][] = [
    ["generated rules", (n) => generateAcl(n)],
    ["one long string", (n) => `{allow, all, publish, ["${"a/b\\x41".repeat(n * 10)}"]}.`],
    ["adjacent strings", (n) => `${'"ab" '.repeat(n * 10)}.`],
    ["every form broken", (n) => "{allow b}.\n".repeat(n)],
    ["unterminated string", (n) => `"${"x".repeat(n * 10)}\n${"{a}.\n".repeat(n)}`],
    ["long list", (n) => `[${"1,".repeat(n * 10)}2].`],
    ["illegal characters", (n) => "€".repeat(n * 10)],
  ];
  test.each(shapes)("%s: 10x input takes < 30x time", (_, make) => {
    const small = make(1_500);
    const large = make(15_000);
    parseDocument(small); // warm up the JIT
    const ts = timeMs(() => parseDocument(small));
    const tl = timeMs(() => parseDocument(large));
    // a floor of 5 ms keeps timer noise on tiny inputs from failing the check; quadratic work would still blow it
    expect(tl).toBeLessThan(30 * Math.max(ts, 5));
  });
});
