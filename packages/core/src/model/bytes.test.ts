import { describe, expect, it } from "vitest";
import { fromBytes, toBytes } from "./bytes";

describe("byte strings and text", () => {
  it("a leading U+FEFF is part of the name, not a byte-order mark to drop (EMQX compares bytes)", () => {
    const name = "\uFEFFadmin";
    expect(toBytes(name)).toBe("\xEF\xBB\xBFadmin");
    expect(fromBytes(toBytes(name))).toBe(name);
  });
});
