import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonChunks, MappedArray } from "./json-chunks";

const joined = (v: unknown, depth?: number) => [...jsonChunks(v, depth)].join("");

describe("jsonChunks", () => {
  it("writes exactly what JSON.stringify(value, null, 2) writes, at every depth", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 6 }), (v, depth) => {
        expect(joined(v, depth)).toBe(JSON.stringify(v, null, 2));
      }),
      { seed: 20261204, numRuns: 500 },
    );
  });

  it("drops undefined members of objects and writes null for them in arrays, like JSON.stringify", () => {
    const v = { a: undefined, b: [undefined, 1, { c: undefined }], d: { e: "x\ny" }, f: [] as unknown[], g: {} };
    expect(joined(v, 1)).toBe(JSON.stringify(v, null, 2));
    expect(joined(v, 9)).toBe(JSON.stringify(v, null, 2));
  });

  it("maps a MappedArray element by element, and JSON.stringify sees the same array", () => {
    const seen: number[] = [];
    const v = {
      files: [{ path: "a", diagnostics: new MappedArray([1, 2, 3], (n) => (seen.push(n), { n, s: `#${n}` })) }],
    };
    const text = joined(v);
    expect(seen).toEqual([1, 2, 3]);
    expect(text).toBe(JSON.stringify(v, null, 2));
    expect(JSON.parse(text).files[0].diagnostics[2]).toEqual({ n: 3, s: "#3" });
  });

  it("flushes long output in chunks of bounded size", () => {
    const big = new MappedArray(
      Array.from({ length: 20_000 }, (_, i) => i),
      (i) => ({ i, message: "m".repeat(20) }),
    );
    const chunks = [...jsonChunks({ big })];
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 * 65536);
    expect(chunks.join("")).toBe(JSON.stringify({ big }, null, 2));
  });
});
