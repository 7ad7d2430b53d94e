import { describe, expect, it } from "vitest";
import { isTerminalUnsafe, terminalName, terminalText } from "./terminal-text";

describe("terminalText", () => {
  it("shows escape sequences, carriage returns, C1 controls and bidi overrides as escapes; keeps newline, tab and plain text", () => {
    expect(terminalText("u\u001b[2J\u001b[H0 problems\r")).toBe("u\\x1b[2J\\x1b[H0 problems\\x0d");
    expect(terminalText("a\u009bb\u202ec\u2066")).toBe("a\\x9bb\\u{202e}c\\u{2066}");
    expect(terminalText("line\n\tnext — é 用户")).toBe("line\n\tnext — é 用户");
  });

  it("judges code points as terminalText does", () => {
    for (const cp of [0, 8, 11, 27, 127, 0x9b, 0x202e, 0x2066]) expect(isTerminalUnsafe(cp), String(cp)).toBe(true);
    for (const cp of [9, 10, 32, 0xe9, 0x2028]) expect(isTerminalUnsafe(cp), String(cp)).toBe(false);
  });
});

describe("terminalName", () => {
  it("keeps a path on one line: newline and tab are escapes too", () => {
    expect(terminalName("a\n0 problems\t\u001b.conf")).toBe("a\\x0a0 problems\\x09\\x1b.conf");
    expect(terminalName("etc/acl — é.conf")).toBe("etc/acl — é.conf");
  });
});
