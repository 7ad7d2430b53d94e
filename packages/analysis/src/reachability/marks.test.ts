import { describe, expect, it } from "vitest";
import { Marks } from "./marks";

describe("Marks", () => {
  it("marks each index once per round; a new round forgets them all", () => {
    const m = new Marks(4);
    m.clear();
    expect([m.mark(2), m.mark(2), m.mark(0), m.mark(3)]).toEqual([true, false, true, true]);
    m.clear();
    expect([m.mark(2), m.mark(1), m.mark(1)]).toEqual([true, true, false]);
  });
});
