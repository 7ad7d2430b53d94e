import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runLint } from "./commands/lint";
import { writeChunk } from "./write-chunk";

/** A slow stream with a small buffer that records whether a write came while it asked to wait. */
function slowSink() {
  const seen = { writes: 0, whileFull: 0, bytes: 0 };
  const out = new Writable({
    highWaterMark: 64,
    write(chunk: Buffer, _enc, done) {
      seen.bytes += chunk.length;
      setTimeout(done, 1);
    },
  });
  const write = out.write.bind(out);
  out.write = ((chunk: string) => {
    seen.writes++;
    if (out.writableNeedDrain) seen.whileFull++;
    return write(chunk);
  }) as typeof out.write;
  return { out, seen };
}

describe("writeChunk", () => {
  it("waits for 'drain' when the stream is full, so a loop never writes into a full stream", async () => {
    const { out, seen } = slowSink();
    const chunks = Array.from({ length: 50 }, (_, i) => `chunk ${i} `.repeat(10));
    let waited = 0;
    for (const c of chunks) {
      const wait = writeChunk(out, c);
      if (wait) {
        waited++;
        await wait;
      }
    }
    await new Promise((r) => out.end(r));
    expect(seen.writes).toBe(50);
    expect(waited).toBeGreaterThan(0);
    expect(seen.whileFull).toBe(0);
    expect(seen.bytes).toBe(chunks.join("").length);
  });

  it("a sink without events is never waited on", () => {
    const got: string[] = [];
    expect(writeChunk({ write: (s: string) => got.push(s) }, "x")).toBeNull();
    expect(writeChunk({ write: () => false }, "y")).toBeNull();
    expect(got).toEqual(["x"]);
  });
});

describe("lint's report", () => {
  it("is written into a slow stream without ever writing while it is full", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emqx-acl-chunks-"));
    try {
      // 3,000 rules, each with a finding: a report of many chunks
      const rules = Array.from(
        { length: 3000 },
        (_, i) => `{allow, {username, "u${i}"}, publish, ["d${i}/\${clientid}/x"]}.`,
      );
      writeFileSync(join(dir, "acl.conf"), `${rules.join("\n")}\n`);
      const { out, seen } = slowSink();
      const code = await runLint(
        [join(dir, "acl.conf")],
        { dialect: "v5", format: "json" },
        { stdout: out, cwd: dir, env: {} },
      );
      await new Promise((r) => out.end(r));
      expect(code).toBe(0);
      expect(seen.writes).toBeGreaterThan(5);
      expect(seen.whileFull).toBe(0);
      expect(seen.bytes).toBeGreaterThan(100_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
