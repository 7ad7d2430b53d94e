import { describe, expect, it } from "vitest";
import { LineIndex } from "./line-index";

describe("LineIndex.isAt", () => {
  const text = "ab\ncd\r\nef\rg\n\nh";
  const lines = new LineIndex(text);
  it("agrees with position() at every offset, line ends of every kind included", () => {
    for (let o = 0; o <= text.length + 2; o++) {
      const p = lines.position(o);
      expect(lines.isAt(o, p)).toBe(true);
      expect(lines.isAt(o, { line: p.line, character: p.character + 1 })).toBe(false);
      expect(lines.isAt(o, { line: p.line + 1, character: 0 })).toBe(false);
      if (p.line > 0) expect(lines.isAt(o, { line: p.line - 1, character: p.character })).toBe(false);
    }
  });
  it("refuses lines outside the text", () => {
    expect(lines.isAt(0, { line: -1, character: 0 })).toBe(false);
    expect(lines.isAt(0, { line: 99, character: 0 })).toBe(false);
  });
});
