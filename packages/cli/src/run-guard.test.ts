import { describe, expect, it } from "vitest";
import { MemoryGuard, outOfMemoryMessage, TtyProgress } from "./run-guard";

describe("MemoryGuard", () => {
  it("stays quiet below 90% of the heap limit and stops for good above it", () => {
    let used = 100;
    const guard = new MemoryGuard(() => ({ used, limit: 1000 }));
    const poll = (n: number) => {
      let any = false;
      for (let i = 0; i < n; i++) any = guard.cancelled || any;
      return any;
    };
    expect(poll(10_000)).toBe(false);
    used = 950;
    expect(poll(256)).toBe(true);
    expect(guard.stopped).toEqual({ used: 950, limit: 1000 });
    used = 10;
    expect(guard.cancelled).toBe(true);
  });

  it("says how much of what was used, where, and how to give Node more", () => {
    const gb = 1024 ** 3;
    expect(outOfMemoryMessage("acl.conf", { used: 3.7 * gb, limit: 4 * gb }, "redundancy, rule 1,024 of 610,000")).toBe(
      "acl.conf: out of memory during redundancy, rule 1,024 of 610,000: the analysis used 3.7 GB of Node's 4.0 GB heap; run it with a larger heap, e.g. NODE_OPTIONS=--max-old-space-size=8192",
    );
  });
});

describe("TtyProgress", () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
  };

  it("rewrites one line on a terminal, throttled, and erases it", () => {
    let now = 0;
    const { out, stream } = sink(true);
    const p = new TtyProgress(stream, () => now, 200);
    p.report("a.conf", "reachability", 256, 10_000);
    now = 100;
    p.report("a.conf", "reachability", 512, 10_000); // throttled
    now = 300;
    p.report("a.conf", "redundancy", 768, 10_000);
    p.clear();
    expect(out).toEqual([
      "\r\x1b[Kemqx-acl: a.conf: reachability 256/10,000 rules",
      "\r\x1b[Kemqx-acl: a.conf: redundancy 768/10,000 rules",
      "\r\x1b[K",
    ]);
    expect(p.where).toBe("redundancy, rule 768 of 10,000");
  });

  it("writes nothing when the stream is not a terminal (CI logs, pipes)", () => {
    const { out, stream } = sink(false);
    const p = new TtyProgress(stream, () => 0, 200);
    p.report("a.conf", "reachability", 256, 10_000);
    p.clear();
    expect(out).toEqual([]);
    expect(p.where).toBe("reachability, rule 256 of 10,000");
  });
});
