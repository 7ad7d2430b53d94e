import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "./lower";
import { shared } from "./shared-strings";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

describe("shared topic strings", () => {
  it("gives back the same characters", () => {
    const long = "devices/" + "x".repeat(40) + "/state/#";
    expect(shared(long.slice(0, 30))).toBe(long.slice(0, 30));
    expect(shared("")).toBe("");
  });

  it("rules that repeat a template do not each hold its text and levels", () => {
    const n = 20_000;
    const text = Array.from(
      { length: n },
      (_, i) =>
        `{allow, {username, "u${i}"}, publish, ["devices/\${clientid}/telemetry/state/#", "fleet/region-one/+/telemetry/stream"]}.`,
    ).join("\n");
    const parse = parseDocument(text);
    const before = heap();
    const rules = lower(parse, "v5").ruleSet.rules;
    const perRule = (heap() - before) / n;
    expect(rules).toHaveLength(n);
    // measured: ~850 bytes per rule with a copy of each text, part and level per rule, ~690 shared
    expect(perRule).toBeLessThan(770);
  });
});
