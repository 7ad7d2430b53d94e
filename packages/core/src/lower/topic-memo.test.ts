import { describe, expect, test } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "./lower";
import type { Dialect, TopicPattern } from "../model/rule";

function topics(src: string, dialect: Dialect): TopicPattern[] {
  const r = lower(parseDocument(src), dialect);
  return r.ruleSet.rules.flatMap((rule) => (rule.topics.kind === "list" ? rule.topics.items : []));
}

describe("repeated topics are lowered once", () => {
  test("each rule keeps its own span; the levels are one shared array", () => {
    const src = `{allow, all, publish, ["a/\${clientid}/#"]}.\n{deny, all, publish, ["a/\${clientid}/#", "b/c"]}.\n`;
    const [a, b, c] = topics(src, "v5");
    expect(a.kind).toBe("text-template");
    expect(b).toEqual({ ...a, start: b.start, end: b.end });
    expect(b.start).not.toBe(a.start);
    expect(src.slice(b.start, b.end)).toBe('"a/${clientid}/#"');
    expect(a.kind === "text-template" && b.kind === "text-template" && a.parts === b.parts).toBe(true);
    expect(c).toMatchObject({ kind: "filter", words: ["b", "c"] });
  });

  test("the same text lowers by its dialect and literal kind", () => {
    expect(topics(`{allow, all, publish, ["x/%u"]}.`, "v5")[0].kind).toBe("filter");
    expect(topics(`{allow, all, publish, ["x/%u"]}.`, "v4")[0].kind).toBe("level-template");
    // a Latin-1 binary is not the string with the same characters: EMQX 5 refuses the binary
    expect(topics(`{allow, all, publish, ["caf\\351"]}.`, "v5")[0]).toMatchObject({ text: "caf\u00c3\u00a9" });
    expect(() => topics(`{allow, all, publish, [<<"caf\\351">>]}.`, "v5")).not.toThrow();
    const r = lower(parseDocument(`{allow, all, publish, [<<"caf\\351">>]}.`), "v5");
    expect(r.ruleSet.rules).toEqual([]);
  });

  test("an astral character and two escaped surrogate halves stay different topics", () => {
    const astral = topics(`{allow, all, publish, ["t/\\x{1F600}"]}.`, "v5");
    expect(astral[0]).toMatchObject({ kind: "filter", words: ["t", "\u00f0\u009f\u0098\u0080"] });
    const halves = lower(parseDocument(`{allow, all, publish, ["t/\\x{D83D}\\x{DE00}"]}.`), "v5");
    expect(halves.ruleSet.rules).toEqual([]);
  });
});
