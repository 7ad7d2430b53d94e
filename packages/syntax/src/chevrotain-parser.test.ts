/**
 * The bundles load Chevrotain only when `parse-document.ts` first asks for its parser: a
 * file of literal rules must be read without asking, a broken one must still get it.
 */
import { describe, expect, it, vi } from "vitest";
import { parseDocument } from "./parse-document";

vi.mock("#chevrotain-parser", () => ({
  termParser: () => {
    throw new Error("the Chevrotain parser was asked for");
  },
}));

describe("parseDocument without Chevrotain", () => {
  it("reads a file of literal rules without the Chevrotain parser", () => {
    const text =
      '%% rules\n{allow, {username, "u1"}, publish, ["t/${username}/#", {eq, "x"}]}.\n{allow, {ipaddr, "10.0.0.0/8"}, {publish, [{qos, [0, 1]}]}, ["b"]}.\n{deny, all}.\n';
    const r = parseDocument(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.forms.map((f) => f.term?.kind)).toEqual(["tuple", "tuple", "tuple"]);
  });

  it("asks for it when a form is not made of literal terms", () => {
    expect(() => parseDocument("{allow, B}.\n")).toThrow(/Chevrotain parser was asked for/);
  });
});
