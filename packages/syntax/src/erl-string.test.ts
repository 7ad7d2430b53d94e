import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { erlStringBody, erlStringLiteral } from "./erl-string";
import { parseDocument } from "./parse-document";

/** The code points the parser reads from `literal.` (a string term), or null. */
function readBack(literal: string): number[] | null {
  const form = parseDocument(`${literal}.`).forms[0];
  return form?.term?.kind === "string" ? form.term.codes : null;
}

describe("erlStringLiteral", () => {
  it("escapes quotes, backslashes and control characters", () => {
    expect(erlStringBody('a"b\\c')).toBe('a\\"b\\\\c');
    expect(erlStringBody("\n\x7f\x80")).toBe("\\x0A\\x7F\\x80");
    expect(erlStringBody("\u200b")).toBe("\\x{200B}");
  });

  it("keeps readable text as written", () => {
    expect(erlStringLiteral("ü€/${username}")).toBe('"ü€/${username}"');
  });

  it("reads back as exactly the code points given (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        expect(readBack(erlStringLiteral(s))).toEqual([...s].map((ch) => ch.codePointAt(0)));
      }),
      { numRuns: 200 },
    );
  });
});
