import { describe, expect, it } from "vitest";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "placeholder-unknown";
void applyFix;
void diags;

describe(ID, () => {
  it("reports placeholders EMQX leaves as text", () => {
    expect(ranges(ID, '{allow, all, publish, ["up/${peerhost}/#", "ok/${clientid}"]}.\n')).toEqual(["1:24-1:42"]);
  });
  it("accepts known placeholders and the ${$} escape", () => {
    expect(ranges(ID, '{allow, all, publish, ["a/${username}", "t/${$}{x}/${clientid}"]}.\n')).toEqual([]);
  });
});
