import { describe, expect, it } from "vitest";
import { codeFrame, FrameSource } from "./code-frame";
import { diagAt } from "./fixtures.test-support";

const frame = (text: string, needle: string) => codeFrame(text, diagAt(text, needle, "x", "error", "").range);

describe("codeFrame", () => {
  it("underlines the range on its line", () => {
    expect(frame('a.\n{allow, all, pubsub, ["#"]}.\n', "pubsub")).toEqual([
      '2 | {allow, all, pubsub, ["#"]}.',
      "  |              ^^^^^^",
    ]);
  });

  it("expands tabs to stops of 4 and keeps the caret under the text", () => {
    const out = frame("\t{deny,\tall}.", "all");
    expect(out[0]).toBe("1 |     {deny,  all}.");
    expect(out[1].indexOf("^") - 4).toBe(out[0].indexOf("all") - 4);
  });

  it("counts an astral character as one column and a CJK character as two", () => {
    const out = frame('["😀中", x]', "x");
    expect(out[1].indexOf("^")).toBe(out[0].indexOf("x") + 1); // 中 is two columns wide, one char
  });

  it("puts one caret under an empty range", () => {
    const text = "{deny, all}";
    const out = codeFrame(text, { start: { line: 0, character: 11 }, end: { line: 0, character: 11 } });
    expect(out[1]).toBe("  |            ^");
  });

  it("underlines every line of a multi-line range, from the first non-blank", () => {
    const text = "{allow,\n   all,\n   pubsub}.\nnext";
    const out = frame(text, "{allow,\n   all,\n   pubsub}");
    expect(out).toEqual([
      "1 | {allow,",
      "  | ^^^^^^^",
      "2 |    all,",
      "  |    ^^^^",
      "3 |    pubsub}.",
      "  |    ^^^^^^^",
    ]);
  });

  it("elides the middle of a long range and does not show the line after a trailing newline", () => {
    const text = Array.from({ length: 10 }, (_, i) => `line${i}`).join("\n") + "\n";
    const out = codeFrame(text, { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } });
    expect(out.filter((l) => /^\s*\d+ \|/.test(l)).map((l) => l.trim().split(" ")[0])).toEqual([
      "1",
      "2",
      "3",
      "9",
      "10",
    ]);
    expect(out).toContain("   ⋮");
  });

  it("cuts very long lines around the range", () => {
    const text = `${"x".repeat(500)} target ${"y".repeat(500)}`;
    const out = frame(text, "target");
    expect(out[0].length).toBeLessThan(200);
    expect(out[0].slice(out[1].indexOf("^"), out[1].indexOf("^") + 6)).toBe("target");
  });

  it("shows control characters as one column each", () => {
    const out = frame("a\u0001b", "b");
    expect(out[0]).toBe("1 | a?b");
    expect(out[1]).toBe("  |   ^");
  });

  it("keeps the spaces of a tab cut by the window", () => {
    const text = `${"x".repeat(197)}\t${"y".repeat(300)}`;
    const out = codeFrame(text, { start: { line: 0, character: 198 }, end: { line: 0, character: 199 } });
    // the tab covers columns 197..199; the window starts at column 160
    expect(out[0]).toBe(`1 | …${"x".repeat(37)}   ${"y".repeat(120)}…`);
  });

  it("measures a long line once for all the frames on it (work grows with the output, not findings × line)", () => {
    const topics = Array.from({ length: 15_000 }, (_, i) => `"a/\${clientid}/${i}"`);
    const text = `{allow, all, publish, [${topics.join(", ")}]}.\n`;
    const source = new FrameSource(text);
    let frames = 0;
    for (
      let at = text.indexOf('"');
      at >= 0 && at < text.length - 4;
      at = text.indexOf('"', text.indexOf('"', at + 1) + 1)
    ) {
      const out = codeFrame(source, { start: { line: 0, character: at }, end: { line: 0, character: at + 5 } });
      expect(out[1]).toMatch(/\^{5}$/);
      frames++;
    }
    expect(frames).toBe(15_000);
    // the line once, plus at most one window (160 columns and the cut marks) per frame
    expect(source.work).toBeLessThanOrEqual(text.length + frames * 162);
  });
});
