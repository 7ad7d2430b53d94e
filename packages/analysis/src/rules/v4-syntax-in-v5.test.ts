import { describe, expect, it } from "vitest";
import { diags, ranges } from "../lint/test-support";

const ID = "v4-syntax-in-v5";

describe(ID, () => {
  it("reports %u / %c levels", () => {
    const text = '{allow, all, publish, ["users/%u/#", "c/%c"]}.\n';
    expect(ranges(ID, text)).toEqual(["1:24-1:36", "1:38-1:44"]);
  });
  it("carries no unguarded rewrite of its own (the editor's migration is compile --to acl's)", () => {
    expect(diags(ID, '{allow, all, publish, ["users/%u/#"]}.\n').map((d) => d.fix)).toEqual([undefined]);
  });
  it("does not apply to v4 files or partial levels", () => {
    expect(ranges(ID, '{allow, all, publish, ["users/%u/#"]}.\n', "v4")).toEqual([]);
    expect(ranges(ID, '{allow, all, publish, ["users/x%u"]}.\n')).toEqual([]);
  });
});
