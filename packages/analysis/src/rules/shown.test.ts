import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { shown } from "./util";

describe("byte strings in lint messages", () => {
  it("are shown as the UTF-8 text they encode, with non-UTF-8 bytes as \\xHH", () => {
    expect(shown("caf\xc3\xa9/\xe7\x94\xa8\xe6\x88\xb7")).toBe("café/用户");
    expect(shown("a\xff")).toBe("a\\xff");
  });

  it("a non-ASCII topic reads right in the message (it read 'cafÃ©')", () => {
    const d = analyzeDocument('{allow, {username, "bob"}, publish, ["café/${clientid}"]}.\n{deny, all}.\n', { dialect: "v5" }).diagnostics;
    const m = d.find((x) => x.id === "placeholder-wildcard-injection")!.message;
    expect(m).toContain('widens "café/${clientid}"');
    expect(m).not.toContain("Ã");
  });
});
