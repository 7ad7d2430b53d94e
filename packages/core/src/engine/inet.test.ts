/**
 * parseAddress against inet:parse_address/1's own answers (OTP 25, scripts/inetgen.erl):
 * C-literal IPv4 parts (octal, hex, short forms), IPv6 with IPv4 tails and scope ids.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAddress } from "./inet";

const vectors = readFileSync(new URL("./inet.vectors.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l !== "")
  .map((l) => JSON.parse(l) as { text: string; address: number[] | null });

function asTuple(text: string): number[] | null {
  const a = parseAddress(text);
  if (a === null) return null;
  const n = a.family === 4 ? 4 : 8;
  const bits = a.family === 4 ? 8n : 16n;
  return Array.from({ length: n }, (_, i) => Number((a.value >> (bits * BigInt(n - 1 - i))) & ((1n << bits) - 1n)));
}

describe("parseAddress (inet:parse_address/1 on OTP 25)", () => {
  it(`agrees on ${vectors.length} strings`, () => {
    const wrong = vectors.filter((v) => JSON.stringify(asTuple(v.text)) !== JSON.stringify(v.address));
    expect(
      wrong
        .slice(0, 8)
        .map((v) => `${v.text}: ours ${JSON.stringify(asTuple(v.text))}, erl ${JSON.stringify(v.address)}`),
    ).toEqual([]);
  });
  it("reads leading zeros as octal and 0x as hex", () => {
    expect(asTuple("0177.0.0.1")).toEqual([127, 0, 0, 1]);
    expect(asTuple("012.0.0.0")).toEqual([10, 0, 0, 0]);
    expect(asTuple("0x7f.1")).toEqual([127, 0, 0, 1]);
    expect(asTuple("08.0.0.1")).toBeNull();
  });
});
