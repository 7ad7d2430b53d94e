import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "../lower/lower";
import { buildIndex, forcedRegexPrefix } from "./rule-index";
import { regexFor } from "./regex-bridge";

describe("forcedRegexPrefix", () => {
  it.each([
    ["^user12-[0-9]+$", "user12-"],
    ["^abc", "abc"],
    ["^ab?c", "a"],
    ["^ab*", "a"],
    ["^ab{0,2}", "a"],
    ["^ab+", "ab"],
    ["^a|b", ""],
    ["abc", ""],
    ["^(?i)abc", ""],
    ["^\\x41b", ""],
    ["^", ""],
  ])("%s → %s", (pattern, prefix) => {
    expect(forcedRegexPrefix(pattern)).toBe(prefix);
  });

  it("every subject the regex matches starts with the prefix (so the index may skip the others)", () => {
    const subjects = ["", "a", "ab", "abc", "abbb", "ac", "user12-1", "user1-2", "xuser12-3", "B", "AbC"];
    for (const p of ["^user12-[0-9]+$", "^abc", "^ab?c", "^ab*", "^ab+", "^a.c"]) {
      const re = regexFor(p);
      if (re.kind !== "ok") throw new Error(`cannot compile ${p}`);
      const prefix = forcedRegexPrefix(p);
      for (const s of subjects) if (re.test(s)) expect(s.startsWith(prefix), `${p} matches ${s}`).toBe(true);
    }
  });
});

describe("buildIndex", () => {
  const index = (text: string) => {
    const lowered = lower(parseDocument(text), "v5");
    return buildIndex(lowered.ruleSet.rules);
  };

  it("files each rule under its most selective key: network rules sharing a first level go by network", () => {
    const idx = index(
      ['{allow, {ipaddr, "10.1.2.0/24"}, publish, ["lan/${clientid}/#"]}.', '{allow, {ipaddr, "10.7.2.0/24"}, publish, ["lan/${clientid}/#"]}.', '{allow, {ipaddr, "10.9.0.0/16"}, publish, ["lan/${clientid}/#"]}.'].join("\n"),
    );
    expect([...idx.byNetwork.entries()]).toEqual([
      ["4/16:2561", [0]],
      ["4/16:2567", [1]],
      ["4/16:2569", [2]],
    ]);
    expect(idx.byFirstLevel[0].size).toBe(0);
  });

  it("keeps a lone network rule under its topic's first level when that list is as short", () => {
    const idx = index('{allow, {username, "u"}, publish, ["a/#"]}.\n{allow, {ipaddr, "10.1.2.0/24"}, subscribe, ["lan/x"]}.\n{allow, all, publish, ["b"]}.');
    expect(idx.byUsername.get("u")).toEqual([0]);
    expect(idx.byFirstLevel[1].get("lan")).toEqual([1]);
    expect(idx.byFirstLevel[0].get("b")).toEqual([2]);
    expect(idx.generalPublish).toEqual([]);
  });
});
