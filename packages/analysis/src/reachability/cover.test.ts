import { describe, expect, it } from "vitest";
import { rule } from "../testing/build-rules";
import { mayOverlap } from "./cover";

const r = (topics: string[], dialect: "v4" | "v5" = "v5") => rule(1, "allow", "all", "all", topics, dialect);

describe("mayOverlap: static topic test over every identity", () => {
  it("a placeholder level stands for one or more levels, so later literal levels still separate", () => {
    // per-user deny vs per-user template: up ≠ cmd whatever the client id
    expect(mayOverlap(r(["devices/dev-1/cmd"]), r(["devices/${clientid}/up/#"]))).toBe(false);
    expect(mayOverlap(r(["devices/dev-1/up/x"]), r(["devices/${clientid}/up/#"]))).toBe(true);
  });

  it("a value with '/' renders several levels", () => {
    // username "a/b" renders users/a/b/x
    expect(mayOverlap(r(["users/a/b/x"]), r(["users/${username}/x"]))).toBe(true);
    // but never zero levels
    expect(mayOverlap(r(["users/x"]), r(["users/${username}/x"]))).toBe(false);
  });

  it("a trailing placeholder level may render '#' (a wildcard there)", () => {
    expect(mayOverlap(r(["users/a/b/c"]), r(["users/${username}"]))).toBe(true);
  });

  it("v4: a placeholder is exactly one level", () => {
    expect(mayOverlap(r(["users/a/b/x"], "v4"), r(["users/%u/x"], "v4"))).toBe(false);
    expect(mayOverlap(r(["users/a/x"], "v4"), r(["users/%u/x"], "v4"))).toBe(true);
  });
});

describe("mayOverlap: the first level decides most pairs", () => {
  it("different plain first levels never meet; a wildcard, placeholder or literal eq first level is searched", () => {
    expect(mayOverlap(r(["devices/#"]), r(["users/#"]))).toBe(false);
    expect(mayOverlap(r(["devices/a"]), r(["+/a"]))).toBe(true);
    expect(mayOverlap(r(["devices/a"]), r(["#"]))).toBe(true);
    // a placeholder level may render "devices" (or several levels)
    expect(mayOverlap(r(["devices/a"]), r(["${username}/a"]))).toBe(true);
    expect(mayOverlap(r(["devices/a"]), r(["x${username}/a"]))).toBe(true); // over-approximated: any levels
    // {eq, "+/a"} is the literal topic "+/a": the filter "+/#" matches it, the filter "b/#" does not
    expect(mayOverlap(r(["eq +/a"]), r(["+/#"]))).toBe(true);
    expect(mayOverlap(r(["eq +/a"]), r(["b/#"]))).toBe(false);
    expect(mayOverlap(r([""]), r(["/a"]))).toBe(false);
    expect(mayOverlap(r(["/a"]), r(["/#"]))).toBe(true);
  });
});
