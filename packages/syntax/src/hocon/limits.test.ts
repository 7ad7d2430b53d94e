/**
 * Untrusted HOCON within bounds: deep nesting, very long key paths, long substitution
 * chains and substitution bombs each end in one clear diagnostic with a position, never a
 * stack overflow. (The bombs are also run through the CLI with a timeout in
 * test/cli-audit-hostile-hocon.test.ts, since a hang cannot be interrupted in-process.)
 */
import { describe, expect, it } from "vitest";
import { configGet } from "./config";
import { MAX_CONFIG_DEPTH, MAX_RESOLVED_CHARS } from "./limits";
import { loadHocon } from "./load";

function problems(text: string): [string, number, number][] {
  return loadHocon(text, "/t.conf").diagnostics.map((d) => [
    d.diagnostic.id,
    d.diagnostic.range.start.line,
    d.diagnostic.range.start.character,
  ]);
}

describe("HOCON limits", () => {
  it("100k nested braces: hocon-too-deep at the first brace past the limit", () => {
    expect(problems(`a = ${"{".repeat(100_000)}${"}".repeat(100_000)}\n`)).toEqual([
      ["hocon-too-deep", 0, 4 + MAX_CONFIG_DEPTH],
    ]);
    expect(problems(`a = ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`)).toEqual([
      ["hocon-too-deep", 0, 4 + MAX_CONFIG_DEPTH],
    ]);
  });

  it("nesting up to the limit is read", () => {
    const n = MAX_CONFIG_DEPTH - 1;
    const c = loadHocon(`${"a {".repeat(n)} b = 1 ${"}".repeat(n)}\n`, "/t.conf");
    expect(c.diagnostics).toEqual([]);
    expect(configGet(c.root, [...Array(n).fill("a"), "b"])).toBeDefined();
  });

  it("a key path of 2,600 segments: hocon-too-deep at the key; other keys are kept", () => {
    const text = `ok = 1\n${Array(2600).fill("k").join(".")} = 1\n`;
    expect(problems(text)).toEqual([["hocon-too-deep", 1, 0]]);
    expect(configGet(loadHocon(text, "/t.conf").root, "ok")).toBeDefined();
  });

  it("a 20,000-link substitution chain: one hocon-too-deep, no overflow", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `a${i} = \${a${i + 1}}`);
    const ids = problems(`${lines.join("\n")}\na20000 = 1\n`).map(([id]) => id);
    expect(ids[0]).toBe("hocon-too-deep");
    expect(new Set(ids)).toEqual(new Set(["hocon-too-deep", "hocon-expansion-limit"]));
  });

  it("an array bomb stops at the value budget with one diagnostic", () => {
    const lines = ["l0 = [x,x,x,x,x,x,x,x,x,x]"];
    for (let i = 1; i < 12; i++)
      lines.push(
        `l${i} = [${Array(10)
          .fill(`\${l${i - 1}}`)
          .join(",")}]`,
      );
    const d = problems(lines.join("\n"));
    expect(d).toHaveLength(1);
    expect(d[0][0]).toBe("hocon-expansion-limit");
  });

  it("a text bomb stops at the character budget", () => {
    const big = "x".repeat(1 << 20);
    const text = `s0 = "${big}"\ns1 = ${Array(Math.ceil(MAX_RESOLVED_CHARS / big.length) + 1)
      .fill("${s0}")
      .join("")}\n`;
    const c = loadHocon(text, "/t.conf");
    expect(c.diagnostics.map((d) => [d.diagnostic.id, d.diagnostic.range.start.line])).toEqual([
      ["hocon-expansion-limit", 1],
    ]);
    expect(c.diagnostics[0].diagnostic.message).toMatch(/characters of text/);
  });
});
