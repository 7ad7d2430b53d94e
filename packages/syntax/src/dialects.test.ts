import { describe, expect, it } from "vitest";
import { DIALECTS, dialectsBefore, dialectsFrom } from "./dialects";

describe("dialect ranges", () => {
  it("from a version takes it and every later one, before it every earlier one", () => {
    expect(dialectsFrom("v5")).toEqual(["v5", "v6"]);
    expect(dialectsFrom("v4")).toEqual([...DIALECTS]);
    expect(dialectsBefore("v5")).toEqual(["v4"]);
    expect(dialectsBefore("v4")).toEqual([]);
  });

  it("the two ranges split the list at any version", () => {
    for (const d of DIALECTS) expect([...dialectsBefore(d), ...dialectsFrom(d)]).toEqual([...DIALECTS]);
  });
});
