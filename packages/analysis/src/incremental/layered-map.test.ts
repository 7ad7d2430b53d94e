import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { LayeredMap } from "./layered-map";

describe("LayeredMap", () => {
  test("a derived version changes without touching the one it came from", () => {
    const v1 = LayeredMap.of(
      new Map([
        ["a", 1],
        ["b", 2],
      ]),
    );
    const v2 = v1.derive();
    v2.set("a", 10);
    v2.delete("b");
    v2.set("c", 3);
    expect([...v1]).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect([...v2].sort()).toEqual([
      ["a", 10],
      ["c", 3],
    ]);
    expect(v2.has("b")).toBe(false);
    expect(v2.get("b")).toBeUndefined();
    const v3 = v2.derive();
    v3.set("b", 4);
    expect(v3.get("b")).toBe(4);
    expect(v2.has("b")).toBe(false);
  });

  test("behaves like a copied Map over random versions of edits", () => {
    const op = fc.oneof(
      fc.tuple(fc.constant("set" as const), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5 })),
      fc.tuple(fc.constant("delete" as const), fc.integer({ min: 0, max: 40 }), fc.constant(0)),
      fc.tuple(fc.constant("derive" as const), fc.constant(0), fc.constant(0)),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const start = new Map(Array.from({ length: 20 }, (_, i) => [i, i % 3] as [number, number]));
        let model = new Map(start);
        let layered = LayeredMap.of(new Map(start));
        const versions: [Map<number, number>, LayeredMap<number, number>][] = [];
        for (const [kind, k, v] of ops) {
          if (kind === "set") (model.set(k, v), layered.set(k, v));
          else if (kind === "delete") (model.delete(k), layered.delete(k));
          else {
            versions.push([model, layered]);
            model = new Map(model);
            layered = layered.derive();
          }
          expect(layered.get(k)).toBe(model.get(k));
          expect(layered.has(k)).toBe(model.has(k));
        }
        versions.push([model, layered]);
        // every earlier version still reads as it was left
        for (const [m, l] of versions) expect(new Map(l)).toEqual(m);
      }),
      { numRuns: 300 },
    );
  });
});
