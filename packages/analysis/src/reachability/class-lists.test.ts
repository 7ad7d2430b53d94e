import { describe, expect, it } from "vitest";
import { ClassLists } from "./class-lists";

const listOf = (m: ClassLists, c: number) => Array.from(m.items.subarray(m.start[c], m.start[c + 1]));

describe("ClassLists", () => {
  it("keeps each class's rules in the order added, repeats dropped, empty classes empty", () => {
    const b = ClassLists.builder(4);
    for (const [c, j] of [
      [2, 0],
      [0, 1],
      [2, 1],
      [2, 1],
      [3, 5],
      [0, 7],
    ])
      b.add(c, j);
    const m = b.build();
    expect([0, 1, 2, 3].map((c) => listOf(m, c))).toEqual([[1, 7], [], [0, 1], [5]]);
    expect([0, 1, 2, 3, 4].map((c) => m.count(c))).toEqual([2, 0, 2, 1, 0]);
  });
});
