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

/** Every line start, through the public API. */
const starts = (li: LineIndex) => Array.from({ length: li.lineCount }, (_, i) => li.lineStart(i));

const common = (a: string, b: string) => {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { p, s };
};

describe("LineIndex.afterEdit", () => {
  it("equals a fresh index after random edits with \\n, \\r\\n and lone \\r", () => {
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = ["a", "b", "\n", "\r", "\r\n", "xy", "\n\n", " "];
    const word = (n: number) => Array.from({ length: n }, () => pieces[rnd(pieces.length)]).join("");
    let text = word(40);
    let index = new LineIndex(text);
    for (let step = 0; step < 3000; step++) {
      const at = rnd(text.length + 1);
      const cut = Math.min(text.length - at, rnd(4));
      const next = text.slice(0, at) + word(rnd(4)) + text.slice(at + cut);
      const { p, s } = common(text, next);
      index = LineIndex.afterEdit(index, next, p, s);
      text = next;
      expect(starts(index), `step ${step}: ${JSON.stringify(text)}`).toEqual(starts(new LineIndex(text)));
    }
  });

  it("when the edit joins a \\r and a \\n or splits them", () => {
    const a = "x\r\ny";
    const b = "x\rz\ny"; // an inserted character splits the pair: two breaks
    const ib = LineIndex.afterEdit(new LineIndex(a), b, 2, 2);
    expect(starts(ib)).toEqual([0, 2, 4]);
    const back = LineIndex.afterEdit(ib, a, 2, 2);
    expect(starts(back)).toEqual([0, 3]);
  });
});
