import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { detach } from "./detach";
import { IncrementalParser } from "./incremental";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe("detach", () => {
  it("copies the characters", () => {
    const big = "x".repeat(100) + "a-long-enough-substring" + "y".repeat(100);
    const part = big.slice(100, 123);
    expect(detach(part)).toBe("a-long-enough-substring");
    expect(detach("")).toBe("");
  });
});

describe("an edited document's old versions are not kept by what the re-parse keeps", () => {
  it("60 keystrokes in a 0.6 MB document leave the heap about where one version put it", () => {
    const lines = Array.from(
      { length: 6000 },
      (_, i) =>
        `{allow, {username, "user${i}"}, publish, ["devices/\${clientid}/telemetry/${i}/#", "users/\${username}/inbox"]}.`,
    );
    const parser = new IncrementalParser();
    let text = lines.join("\n") + "\n";
    parser.parse(text);
    const before = heapAfterGc();
    for (let k = 0; k < 60; k++) {
      const line = (k * 97) % lines.length;
      lines[line] = lines[line].replace("/inbox", `/inbox${k}`);
      text = lines.join("\n") + "\n";
      parser.parse(text);
    }
    const grown = heapAfterGc() - before;
    // each version kept would be ~0.6 MB (one byte per character): 60 of them ~36 MB
    expect(grown / text.length).toBeLessThan(10);
  });
});
