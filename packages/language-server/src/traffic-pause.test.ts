import { describe, expect, it } from "vitest";
import { TrafficPause } from "./traffic-pause";

describe("TrafficPause", () => {
  const clock = () => {
    const c = { t: 1000, now: () => c.t };
    return c;
  };

  it("holds an analysis while document messages come in a burst, until they pause for quietMs", () => {
    const c = clock();
    const p = new TrafficPause(20, 3000, c.now);
    expect(p.remaining(c.t)).toBe(0); // no traffic yet
    p.noteTraffic();
    expect(p.remaining(c.t)).toBe(0); // a lone message (a keystroke) is no burst
    c.t += 5;
    p.noteTraffic();
    expect(p.remaining(c.t)).toBe(20);
    c.t += 15;
    expect(p.remaining(c.t - 15)).toBe(5);
    c.t += 5;
    expect(p.remaining(c.t - 20)).toBe(0);
    c.t += 100;
    p.noteTraffic(); // the next keystroke, long after: no burst
    expect(p.remaining(c.t)).toBe(0);
  });

  it("never holds one longer than maxWaitMs in all, however busy the traffic", () => {
    const c = clock();
    const p = new TrafficPause(20, 100, c.now);
    const due = c.t;
    for (let i = 0; i < 9; i++, c.t += 10) p.noteTraffic();
    expect(p.remaining(due)).toBe(10); // capped by the 100 ms
    c.t = due + 100;
    p.noteTraffic();
    expect(p.remaining(due)).toBe(0);
  });

  it("starts analyses at least quietMs apart, even ones waited on long enough", () => {
    const c = clock();
    const p = new TrafficPause(20, 100, c.now);
    const due = c.t - 500;
    p.noteAnalysis();
    expect(p.remaining(due)).toBe(20);
    c.t += 20;
    expect(p.remaining(due)).toBe(0);
  });
});
