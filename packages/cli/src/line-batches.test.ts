import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lineBatches } from "./line-batches";

async function ours(chunks: (string | Buffer)[]): Promise<string[]> {
  const out: string[] = [];
  for await (const b of lineBatches(Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c)))))
    out.push(...b);
  return out;
}
async function readline(chunks: (string | Buffer)[]): Promise<string[]> {
  const out: string[] = [];
  const rl = createInterface({
    input: Readable.from(chunks.map((c) => (typeof c === "string" ? Buffer.from(c) : c))),
    crlfDelay: Infinity,
  });
  for await (const l of rl) out.push(l);
  return out;
}

describe("lineBatches", () => {
  const cases: (string | Buffer)[][] = [
    ["a\nb\n"],
    ["a\nb"],
    ["a\r\nb\r\n"],
    ["a\r", "\nb"],
    ["a\r", "b\r"],
    ["\n\n"],
    [""],
    ["x\n\r"],
    ["é\n", "ü"],
    [Buffer.from("é\n").subarray(0, 1), Buffer.from("é\n").subarray(1)],
    ["a", "b", "\n", "c"],
    ["\r"],
    ["a\rb\r\r\nc"],
    [Buffer.from([0x61, 0xff, 0x0a, 0xc3]), Buffer.from([0xa9, 0x0a])],
  ];
  for (const c of cases) {
    it(`gives readline's lines for ${JSON.stringify(c.map(String))}`, async () => {
      expect(await ours(c)).toEqual(await readline(c));
    });
  }

  it("gives readline's lines however the bytes are cut into chunks", async () => {
    const text = fc
      .array(fc.constantFrom("a", "é", "\n", "\r", "\r\n", "{}", " "), { maxLength: 30 })
      .map((xs) => Buffer.from(xs.join("")));
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(40), { maxLength: 6 }), async (bytes, cuts) => {
        const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
        const chunks = [0, ...at]
          .map((c, i, xs) => bytes.subarray(c, xs[i + 1] ?? bytes.length))
          .filter((c) => c.length > 0);
        expect(await ours(chunks)).toEqual(await readline(chunks));
      }),
      { seed: 3, numRuns: 500 },
    );
  });
});
