/**
 * `regexToDfa` checked against real Erlang on what hinges on the end of the subject (`$`
 * before a final newline, `\z`, `\Z`, `(?m)$`) and on lookaheads anywhere in the pattern:
 * the DFA must accept exactly the subjects on which `re:run/2` matches.
 */
import { describe, expect, it } from "vitest";
import { dfaAccepts } from "./dfa";
import { erlAvailable, erlDecide } from "./erl-oracle";
import { regexToDfa } from "./regex-dfa";
import { genPattern, genSubjects, rng } from "./regex-gen";

const HAND = [
  "^admin$",
  "^admin\\z",
  "^admin\\Z",
  "(?m)^admin$",
  "admin$\\n",
  "^a$\\n?",
  "a$(?!\\n)",
  "a\\Z\\n",
  "a\\z\\n",
  "^$",
  "^\\z",
  "^\\Z",
  "(?!admin)",
  "^(?!admin)[a-z]+$",
  "^u(?!admin)[a-z]+$",
  "^[a-z]+(?=\\d)",
  "foo(?=bar)",
  "x(?!y)",
  "^(?:(?!x).)*$",
  "^((?!bad).)*$",
  "^a(?=b|c)",
  "\\d(?=x)$",
  "^(?!.*admin).*$",
  "(?=a$)",
  "(?=a\\z)",
  "(?!a\\Z)a",
  "a(?=\\n$)",
  "a(?!$)",
  "^(?=\\w{3}\\b)",
  "\\b(?=a)",
  "(?=(?!b)a)",
  "^(?:a(?=b))+b$",
  "^(?:a(?!b)|b)+$",
  "(?=.*x)(?=.*y)",
  "(?m)^(?=a)",
  "(?m)a$(?=\\n)",
  "^(?=[\\x80-\\xff])",
  "(?i)(?!ADMIN)^\\w+$",
];
const SUBJECTS = [
  "",
  "\n",
  "\n\n",
  "a",
  "a\n",
  "a\n\n",
  "admin",
  "admin\n",
  "admin\n\n",
  "admin2",
  "uadmin",
  "ubob",
  "ab",
  "ac",
  "a\nb",
  "abc1",
  "foobar",
  "foobaz",
  "xy",
  "xz",
  "x",
  "bad",
  "good",
  "xbadx",
  "aab",
  "aabb",
  "abab",
  "ba",
  "xy\n",
  "yx",
  "abc",
  "ab c",
  "\xe9",
  "ADMIN",
  "Admin",
];

describe.runIf(erlAvailable())("regexToDfa against erl (end of subject, lookaheads)", () => {
  it("hand-written patterns: exact, never unsupported", () => {
    const verdicts = erlDecide(HAND.map((pattern) => ({ pattern, subjects: SUBJECTS })));
    const bad: string[] = [];
    HAND.forEach((p, k) => {
      const d = regexToDfa(p);
      const v = verdicts[k];
      if ("unsupported" in d || v.kind !== "ok")
        return void bad.push(`${JSON.stringify(p)}: ${"unsupported" in d ? d.unsupported : "erl refuses"}`);
      SUBJECTS.forEach((s, i) => {
        if (dfaAccepts(d, s) !== v.matches[i])
          bad.push(`${JSON.stringify(p)} on ${JSON.stringify(s)}: erl=${v.matches[i]}`);
      });
    });
    expect(bad).toEqual([]);
  });

  it("generated patterns with lookaheads at any position (property)", () => {
    const r = rng(4242);
    const g = () => genPattern(r, { backtrackingControl: false });
    const cases: { pattern: string; subjects: string[] }[] = [];
    for (let i = 0; i < 120; i++) {
      const look = `(?${r() < 0.5 ? "=" : "!"}${g()}${r() < 0.3 ? "$" : ""})`;
      const pattern = r() < 0.5 ? `${g()}${look}${g()}` : `(?:${g()}${look})*${g()}${r() < 0.5 ? "$" : "\\z"}`;
      if ("unsupported" in regexToDfa(pattern)) continue;
      cases.push({ pattern, subjects: genSubjects(r, pattern, 20) });
    }
    const verdicts = erlDecide(cases);
    const bad: string[] = [];
    let checked = 0;
    cases.forEach(({ pattern, subjects }, k) => {
      const v = verdicts[k];
      if (v.kind !== "ok") return;
      const d = regexToDfa(pattern);
      if ("unsupported" in d) return;
      subjects.forEach((s, i) => {
        if (v.matches[i] === null) return;
        checked++;
        if (dfaAccepts(d, s) !== v.matches[i])
          bad.push(`${JSON.stringify(pattern)} on ${JSON.stringify(s)}: erl=${v.matches[i]}`);
      });
    });
    expect(bad.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(1200);
  });
});
