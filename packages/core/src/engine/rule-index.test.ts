import { describe, expect, it } from "vitest";
import { forcedRegexPrefix } from "./rule-index";
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
