import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";

describe("byte strings in lint messages", () => {
  it("a non-ASCII topic reads right in the message (it read 'cafÃ©'); bytes that are not UTF-8 as \\xHH", () => {
    const d = analyzeDocument('{allow, {username, "bob"}, publish, ["café/${clientid}"]}.\n{deny, all}.\n', {
      dialect: "v5",
    }).diagnostics;
    const m = d.find((x) => x.id === "placeholder-wildcard-injection")!.message;
    expect(m).toContain('widens "café/${clientid}"');
    expect(m).not.toContain("Ã");
    const raw = analyzeDocument('{allow, {username, <<"u", 255, "*">>}, publish, ["t"]}.\n{deny, all}.\n', {
      dialect: "v5",
    }).diagnostics;
    expect(raw.find((x) => x.id === "glob-in-exact-match")?.message).toContain('"u\\xff*"');
  });
});
