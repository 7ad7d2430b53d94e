/**
 * `\p{…}` / `\P{…}` in byte mode against re:run/2 on OTP 25 (scripts/propgen.erl): general
 * categories, PCRE's special names (Any, L&, Xan, Xps, Xsp, Xwd, Xuc) and some scripts, as
 * the Latin-1 code points' properties; caseless does not widen them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileErlangRegex } from "./compile";

const vectors = readFileSync(new URL("./property.vectors.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => JSON.parse(l) as { pattern: string; bytes: number[] });

describe("Unicode properties in byte mode (re:run on OTP 25)", () => {
  it(`agrees on ${vectors.length} patterns × 256 bytes`, () => {
    const wrong: string[] = [];
    for (const v of vectors) {
      const r = compileErlangRegex(v.pattern);
      if (r.kind !== "ok") {
        wrong.push(`${v.pattern}: ${r.kind}`);
        continue;
      }
      const ours = [...Array(256).keys()].filter((b) => r.test(String.fromCharCode(b)));
      if (JSON.stringify(ours) !== JSON.stringify(v.bytes)) wrong.push(`${v.pattern}: ours ${JSON.stringify(ours)}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
