import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "topic-invalid-filter";
void applyFix;

describe(ID, () => {
  it("reports # in the middle and wildcards inside a level", () => {
    expect(ranges(ID, '{allow, all, subscribe, ["a/#/b", "a/b#", "ok/+"]}.\n')).toEqual(["1:26-1:33", "1:35-1:41"]);
  });
  it("accepts valid filters", () => {
    expect(ranges(ID, '{allow, all, subscribe, ["a/+/b", "#", {eq, "a/#"}]}.\n')).toEqual([]);
  });
  it("the empty topic: never for a v4 publish, else only as what is left of $queue/ or $delayed/<n>/", () => {
    expect(diags(ID, '{allow, all, publish, [""]}.\n', "v4").map((d) => d.message)).toEqual([
      '"" can never match a request: the empty topic',
    ]);
    expect(diags(ID, '{allow, all, subscribe, [""]}.\n', "v4").map((d) => d.message)).toEqual([
      '"" only matches the empty topic, which the broker authorises only as what is left of "$queue/"',
    ]);
  });
});
